package io.mountscope.bench;

import io.mountscope.stress.Pattern;
import io.mountscope.stress.StressEngine;
import io.mountscope.stress.StressParams;
import io.mountscope.stress.StressResult;
import io.mountscope.util.Fmt;
import io.mountscope.util.InputException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The storm engine against the C reference, alternately on the same parameters. */
@Command(name = "stress", mixinStandardHelpOptions = true, header = "The storm engine against the C reference storm.",
    description = {"Run mount_storm_ref.c (built with gcc) and the storm engine alternately on",
        "the same parameters: bind, idmap-per-layer and idmap-common-parent at each",
        "thread count. Prints medians of starts/s and p50/p99 latency with ratios, and",
        "the common-parent/per-layer speed-up of both. Targets: the engine at 0.90x the",
        "reference's starts/s or more; the two speed-ups within 20%%. Holds the machine",
        "lock (/tmp/mountscope-kernel-tests.lock) while measuring. Needs root."})
public final class StressBench implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--ref", paramLabel = "PATH",
      description = "mount_storm_ref.c (default: /work/shared/bench/, else ../shared/bench/ from here).")
  Path ref;

  @Option(names = "--rounds", defaultValue = "3", description = "Alternating rounds; medians are reported (default: ${DEFAULT-VALUE}).")
  int rounds;

  @Option(names = "--threads", defaultValue = "1,2", paramLabel = "LIST", description = "Thread counts (default: ${DEFAULT-VALUE}).")
  String threads;

  @Option(names = "--layers", defaultValue = "50", description = "Layers of the idmap patterns (default: ${DEFAULT-VALUE}).")
  int layers;

  @Option(names = "--scale", defaultValue = "1", description = "Multiplies the starts of every run (default: ${DEFAULT-VALUE}).")
  double scale;

  @Option(names = "--warmup", defaultValue = "0.3", paramLabel = "SECONDS", description = "Engine warm-up (default: ${DEFAULT-VALUE}).")
  double warmup;

  /** One measured configuration. */
  record Config(Pattern pattern, int layers, int threads, long startsPerThread) {
    String label() {
      return pattern + (pattern == Pattern.BIND ? "" : "(" + layers + ")") + " x" + threads;
    }
  }

  @Override
  public Integer call() throws Exception {
    if (rounds < 1 || scale <= 0 || layers < 1) {
      throw new InputException("--rounds, --scale and --layers must be positive");
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Path source = ReferenceStorm.locate(ref);
    Path dir = Files.createTempDirectory("mountscope-bench");
    ReferenceStorm c = ReferenceStorm.compile(source, dir);
    List<Config> configs = new ArrayList<>();
    for (int t : Fmt.parseCpuList(threads)) {
      configs.add(new Config(Pattern.BIND, 1, t, (long) (60_000 * scale)));
      configs.add(new Config(Pattern.IDMAP_PER_LAYER, layers, t, (long) (1_000 * scale)));
      configs.add(new Config(Pattern.IDMAP_COMMON_PARENT, layers, t, (long) (4_000 * scale)));
    }
    Map<Config, List<ReferenceStorm.Run>> refRuns = new LinkedHashMap<>();
    Map<Config, List<StressResult>> engineRuns = new LinkedHashMap<>();
    err.println("waiting for the machine lock " + MachineLock.FILE + " ...");
    err.flush();
    String loadBefore;
    try (MachineLock lock = MachineLock.acquire()) {
      loadBefore = loadAverage();
      for (int r = 0; r < rounds; r++) {
        for (Config k : configs) {
          err.printf("round %d/%d  %s%n", r + 1, rounds, k.label());
          err.flush();
          // Alternate which goes first, so a drift in the machine's load does not favour one side.
          if (r % 2 == 0) {
            refRuns.computeIfAbsent(k, x -> new ArrayList<>()).add(c.run(k.pattern().cliName(), k.layers(), k.startsPerThread(), k.threads()));
            engineRuns.computeIfAbsent(k, x -> new ArrayList<>()).add(engine(k));
          } else {
            engineRuns.computeIfAbsent(k, x -> new ArrayList<>()).add(engine(k));
            refRuns.computeIfAbsent(k, x -> new ArrayList<>()).add(c.run(k.pattern().cliName(), k.layers(), k.startsPerThread(), k.threads()));
          }
        }
      }
    } finally {
      Files.deleteIfExists(dir.resolve("mount_storm_ref"));
      Files.deleteIfExists(dir);
    }
    out.printf("load average %s at the start, %s at the end, on %d CPUs (other processes compete: quote ratios)%n",
        loadBefore, loadAverage(), Runtime.getRuntime().availableProcessors());
    print(out, configs, refRuns, engineRuns);
    return 0;
  }

  private StressResult engine(Config k) throws InterruptedException {
    return StressEngine.run(StressParams.of(k.pattern(), k.layers(), k.threads(), k.startsPerThread() * k.threads())
        .withWarmup(warmup), p -> { });
  }

  private void print(PrintWriter out, List<Config> configs, Map<Config, List<ReferenceStorm.Run>> refRuns,
      Map<Config, List<StressResult>> engineRuns) {
    out.printf("medians of %d alternating runs; latency in ms; C = mount_storm_ref.c%n", rounds);
    Table t = new Table("storm", "starts", "C starts/s", "engine starts/s", "ratio", "target", "C p50", "engine p50",
        "C p99", "engine p99", "syscalls C = engine");
    Map<Config, double[]> speed = new LinkedHashMap<>();
    for (Config k : configs) {
      List<ReferenceStorm.Run> cr = refRuns.get(k);
      List<StressResult> er = engineRuns.get(k);
      double cs = median(cr.stream().mapToDouble(ReferenceStorm.Run::startsPerSecond).toArray());
      double es = median(er.stream().mapToDouble(StressResult::startsPerSecond).toArray());
      speed.put(k, new double[] {cs, es});
      boolean sameCalls = er.stream().allMatch(e -> e.syscalls().total() == cr.get(0).syscalls() && e.failedStarts() == 0);
      t.row(k.label(), k.startsPerThread() * k.threads(), f0(cs), f0(es), ratio(es / cs), es / cs >= 0.9 ? ">= 0.90 met" : ">= 0.90 MISSED",
          f3(median(cr.stream().mapToDouble(ReferenceStorm.Run::p50).toArray())),
          f3(median(er.stream().mapToDouble(e -> e.latencyMillis().p50()).toArray())),
          f3(median(cr.stream().mapToDouble(ReferenceStorm.Run::p99).toArray())),
          f3(median(er.stream().mapToDouble(e -> e.latencyMillis().p99()).toArray())), sameCalls ? "yes" : "NO");
    }
    t.print(out);
    out.println();
    out.println("idmap-per-layer vs idmap-common-parent: how much faster the fix makes starts");
    Table s = new Table("threads", "C common/per-layer", "engine common/per-layer", "engine/C", "target");
    for (Config k : configs) {
      if (k.pattern() != Pattern.IDMAP_PER_LAYER) {
        continue;
      }
      Config common = new Config(Pattern.IDMAP_COMMON_PARENT, k.layers(), k.threads(), (long) (4_000 * scale));
      double cRatio = speed.get(common)[0] / speed.get(k)[0];
      double eRatio = speed.get(common)[1] / speed.get(k)[1];
      double rel = eRatio / cRatio;
      s.row(k.threads(), String.format(Locale.US, "%.2fx", cRatio), String.format(Locale.US, "%.2fx", eRatio), ratio(rel),
          Math.abs(rel - 1) <= 0.2 ? "within 20% met" : "within 20% MISSED");
    }
    s.print(out);
  }

  private static String loadAverage() {
    return io.mountscope.util.Procfs.read("/proc/loadavg").map(l -> l.split(" ")[0]).orElse("?");
  }

  static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }

  private static String f0(double v) {
    return String.format(Locale.US, "%.0f", v);
  }

  private static String f3(double v) {
    return String.format(Locale.US, "%.3f", v);
  }

  private static String ratio(double v) {
    return String.format(Locale.US, "%.2fx", v);
  }
}
