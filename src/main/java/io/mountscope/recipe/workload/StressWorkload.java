package io.mountscope.recipe.workload;

import io.mountscope.recipe.operator.Cancelled;
import io.mountscope.recipe.operator.Progress;
import io.mountscope.stress.CpuSets;
import io.mountscope.stress.Namespace;
import io.mountscope.stress.Pattern;
import io.mountscope.stress.StressEngine;
import io.mountscope.stress.StressParams;
import io.mountscope.stress.StressResult;
import io.mountscope.stress.StressRun;
import io.mountscope.util.Fmt;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A recipe's storm through the stress engine, always in a private mount namespace: nothing it
 * mounts outlives its worker. The caller hands over the running storm so that Ctrl-C, SIGTERM or
 * the dashboard can stop it early.
 */
public final class StressWorkload {
  /** The storm's shape after the recipe's values were filled in. */
  public record Shape(Pattern pattern, int layers, int threads, long starts, double duration, double warmup,
      List<Integer> cpus, int cappedFrom) {
    public String describe() {
      return String.format(Locale.US, "%s, %d layer%s, %d thread%s%s, %s%s", pattern, layers, layers == 1 ? "" : "s",
          threads, threads == 1 ? "" : "s", cappedFrom > threads ? " (capped from " + cappedFrom + ")" : "",
          starts > 0 ? starts + " starts" : String.format(Locale.US, "%.1f s", duration),
          cpus.isEmpty() ? "" : ", CPUs " + Fmt.cpuList(cpus));
    }

    StressParams params() {
      return new StressParams(pattern, layers, threads, starts, starts > 0 ? 0 : duration, warmup, cpus, Namespace.PRIVATE,
          null).validate();
    }
  }

  private StressWorkload() {}

  /** A shape from the recipe's values; {@code cpus} and {@code node} may both be absent. */
  public static Shape shape(String pattern, Long layers, Long threads, Long starts, Double duration, Double warmup,
      String cpus, Long node, long cap) {
    List<Integer> pinned = cpus != null && !cpus.isBlank() ? CpuSets.requireOnline(Fmt.parseCpuList(cpus), "cpus " + cpus)
        : node != null ? CpuSets.ofNode(node.intValue()) : List.of();
    int t = threads != null ? threads.intValue() : (pinned.isEmpty() ? CpuSets.online().size() : pinned.size());
    int capped = cap > 0 && cap < t ? (int) cap : t;
    return new Shape(Pattern.of(pattern), layers == null ? 50 : layers.intValue(), capped, starts == null ? 0 : starts,
        duration == null ? 2 : duration, warmup == null ? 0.3 : warmup, pinned, t);
  }

  /** Runs the storm to its end; {@code onStart} receives the run (for stopping it), and null when it ended. */
  public static Outcome run(Shape shape, Progress progress, Consumer<StressRun> onStart) throws InterruptedException {
    StressEngine.Prepared prepared = StressEngine.prepare(shape.params());
    StressRun run = StressEngine.start(prepared, p -> progress.update(p.fraction(), p.phase().equals("storm")
        ? String.format(Locale.US, "%,.0f starts/s, %,d starts", p.startsPerSecond(), p.starts()) : p.phase()));
    onStart.accept(run);
    StressResult r;
    try {
      r = run.await();
    } catch (InterruptedException e) {
      // The thread was interrupted (Ctrl-C in the console): end the storm and wait for its clean-up.
      run.stop();
      run.await(15_000);
      throw new Cancelled("interrupted during the storm");
    } finally {
      onStart.accept(null);
    }
    if (r.interrupted()) {
      throw new Cancelled("stopped during the storm");
    }
    if (r.starts() == 0) {
      throw new IllegalStateException("the storm made no successful start" + (r.firstError() == null ? ""
          : ": " + r.firstError()));
    }
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("pattern", shape.pattern().cliName());
    settings.put("layers", shape.layers());
    settings.put("threads", shape.threads());
    if (shape.cappedFrom() > shape.threads()) {
      settings.put("cappedFrom", shape.cappedFrom());
    }
    settings.put(shape.starts() > 0 ? "starts" : "durationSeconds", shape.starts() > 0 ? shape.starts() : shape.duration());
    settings.put("warmupSeconds", shape.warmup());
    settings.put("cpus", shape.cpus().isEmpty() ? "all" : Fmt.cpuList(shape.cpus()));
    settings.put("mountSyscalls", r.syscalls().total());
    if (!r.errors().isEmpty()) {
      settings.put("errors", r.errors());
    }
    return new Outcome(r.histogram(), r.failedStarts(), r.seconds(), r.startsPerSecond(), "starts/s", settings, null);
  }
}
