package io.mountscope.cli;

import io.mountscope.kernel.LibC;
import io.mountscope.stress.CpuSets;
import io.mountscope.stress.CustomPattern;
import io.mountscope.stress.Namespace;
import io.mountscope.stress.Pattern;
import io.mountscope.stress.StressEngine;
import io.mountscope.stress.StressParams;
import io.mountscope.stress.StressResult;
import io.mountscope.stress.StressRun;
import io.mountscope.stress.WorkerDiedException;
import io.mountscope.util.ExitCodes;
import io.mountscope.util.Fmt;
import io.mountscope.util.InputException;
import io.mountscope.util.Json;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mountscope stress}: a container-start storm on demand, in a worker process. */
@Command(name = "stress", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Reproduce a node's container-start storm: every thread makes container",
        "starts back to back, each start the mount syscalls of --pattern. Runs in a",
        "worker process, by default in a private mount namespace on a private tmpfs,",
        "so nothing it mounts can outlive it. Prints starts/s, per-start latency,",
        "mount syscalls by kind and errors by errno (docs/stress.md).",
        "Exit code 1 when some measured starts failed (see 'errors')."},
    footer = {"", "Patterns (per start):",
        "  bind                 a bind mount and its umount",
        "  overlay              an overlay over the L layers and its umount",
        "  idmap-per-layer      containerd before PR #12092: per layer open_tree,",
        "                       mount_setattr(IDMAP), move_mount; an overlay over",
        "                       them; umount each layer mount and the overlay",
        "  idmap-common-parent  after PR #12092: the layers' parent idmapped once,",
        "                       an overlay, two umounts",
        "  custom               the steps of --file FILE.yaml"})
public final class StressCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--pattern", paramLabel = "P", defaultValue = "idmap-per-layer",
      description = "bind, overlay, idmap-per-layer, idmap-common-parent or custom (default: ${DEFAULT-VALUE}).")
  String pattern;

  @Option(names = "--file", paramLabel = "FILE.yaml", description = "The steps of a custom pattern.")
  Path file;

  @Option(names = "--layers", paramLabel = "L", defaultValue = "50", description = "Image layers per start (default: ${DEFAULT-VALUE}).")
  int layers;

  @Option(names = "--threads", paramLabel = "T",
      description = "Concurrent starts: storm threads (default: the number of CPUs the storm may use).")
  Integer threads;

  @Option(names = "--starts", paramLabel = "N", description = "Measured starts in all, split over the threads.")
  Long starts;

  @Option(names = "--duration", paramLabel = "SECONDS", description = "Measure for this long instead (default: 5 s).")
  Double duration;

  @Option(names = "--warmup", paramLabel = "SECONDS", defaultValue = "0.5",
      description = "Unmeasured starts before, for the JIT and caches (default: ${DEFAULT-VALUE}).")
  double warmup;

  @Option(names = "--cpus", paramLabel = "LIST", description = "Pin the storm threads to these CPUs (e.g. 0-3,8).")
  String cpus;

  @Option(names = "--node", paramLabel = "N", description = "Pin the storm threads to the CPUs of NUMA node N.")
  Integer node;

  @Option(names = "--namespace", paramLabel = "NS", defaultValue = "private",
      description = "private (default) or host: mount where systemd and every mountinfo reader see it (asks first).")
  String namespace;

  @Option(names = "--yes", description = "Do not ask before a --namespace host storm (for scripts).")
  boolean yes;

  @Option(names = "--json", description = "Print the result as JSON (docs/json.md).")
  boolean json;

  @Override
  public Integer call() throws Exception {
    StressParams params = params();
    StressEngine.Prepared prepared = StressEngine.prepare(params);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (params.namespace() == Namespace.HOST && !HostConsent.ask(prepared, yes, err)) {
      err.println("mountscope stress: not started; nothing was changed");
      err.flush();
      return ExitCodes.FINDING;
    }
    ProgressBar bar = new ProgressBar(err, LibC.isatty(2) == 1);
    CountDownLatch reported = new CountDownLatch(1);
    // On Ctrl-C or SIGTERM the engine stops the worker; this hook lets the partial result print first.
    Thread waitForReport = new Thread(() -> awaitQuietly(reported), "stress-report");
    Runtime.getRuntime().addShutdownHook(waitForReport);
    try {
      StressRun run = StressEngine.start(prepared, bar::update);
      StressResult result;
      try {
        result = run.await();
      } catch (WorkerDiedException e) {
        bar.clear();
        err.println("mountscope stress: " + e.getMessage());
        err.flush();
        return ExitCodes.INTERNAL;
      }
      bar.clear();
      out.println(json ? Json.pretty(result) : StressLines.render(result));
      out.flush();
      return result.failedStarts() > 0 ? ExitCodes.FINDING : ExitCodes.OK;
    } finally {
      bar.clear();
      reported.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(waitForReport);
      } catch (IllegalStateException shuttingDown) {
        // the JVM is exiting on a signal; the hook has what it waited for
      }
    }
  }

  StressParams params() {
    Pattern p = Pattern.of(pattern);
    if (cpus != null && node != null) {
      throw new InputException("give --cpus or --node, not both");
    }
    List<Integer> pinned = cpus != null ? CpuSets.requireOnline(Fmt.parseCpuList(cpus), "--cpus " + cpus)
        : node != null ? CpuSets.ofNode(node) : List.of();
    if (starts != null && duration != null) {
      throw new InputException("give --starts or --duration, not both");
    }
    int t = threads != null ? threads : (pinned.isEmpty() ? CpuSets.online().size() : pinned.size());
    long n = starts != null ? starts : 0;
    double d = starts == null ? (duration != null ? duration : 5) : 0;
    if ((starts != null && starts <= 0) || (duration != null && !(duration > 0))) {
      throw new InputException(starts != null ? "--starts " + starts + ": must be at least 1" : "--duration " + duration + ": must be positive");
    }
    CustomPattern custom = null;
    if (p == Pattern.CUSTOM) {
      if (file == null) {
        throw new InputException("--pattern custom needs --file FILE.yaml");
      }
      custom = CustomPattern.load(file);
    } else if (file != null) {
      throw new InputException("--file is only for --pattern custom");
    }
    return new StressParams(p, layers, t, n, d, warmup, pinned, Namespace.of(namespace), custom).validate();
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(15, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
