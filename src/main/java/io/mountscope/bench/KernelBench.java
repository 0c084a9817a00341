package io.mountscope.bench;

import com.sun.jna.Memory;
import io.mountscope.kernel.Kallsyms;
import io.mountscope.kernel.LibC;
import io.mountscope.probe.perf.CpuSampler;
import io.mountscope.probe.perf.LockContentionTracer;
import io.mountscope.probe.perf.MountSyscallCounters;
import io.mountscope.util.InputException;
import io.mountscope.util.UnavailableException;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What the kernel instrumentation costs: the C reference storm's slowdown while the counters or
 * the lock tracer run (alternating runs with and without, medians), the sampler's own CPU time
 * at 99 Hz on every CPU, and how fast kallsyms loads and looks up.
 */
@Command(name = "kernel", mixinStandardHelpOptions = true, header = "What the kernel collectors cost a mount storm.", sortOptions = false,
    description = {"Cost of the kernel collectors. Compiles the C reference storm (mount_storm_ref.c) with gcc and",
        "runs its bind pattern at 1 and 2 threads alternately without and with the mount-syscall counters,",
        "then with the lock tracer; prints the slowdown (targets: counters < 2%, lock tracing < 10%),",
        "the CPU sampler's own CPU time per second at 99 Hz on all CPUs, and kallsyms load and lookup speed.",
        "Needs root. Quote ratios, not absolute figures: shared machines are noisy."})
public final class KernelBench implements Callable<Integer> {
  private static final Pattern STARTS_PER_S = Pattern.compile("starts_per_s=([\\d.]+)");
  private static final int RUSAGE_CHILDREN = -1;
  /** Keeps the lookup loops from being optimised away. */
  static volatile long blackhole;

  @Spec
  CommandSpec spec;

  @Option(names = "--reference", paramLabel = "FILE.c",
      description = "The C reference storm (default: /work/shared/bench/mount_storm_ref.c, else ../shared/bench/ from here).")
  Path reference;

  @Option(names = "--starts", paramLabel = "N", defaultValue = "50000",
      description = "Starts per thread in each reference run (default: ${DEFAULT-VALUE}).")
  int starts;

  @Option(names = "--runs", paramLabel = "N", defaultValue = "9",
      description = "Runs with and without per measurement, alternating (default: ${DEFAULT-VALUE}).")
  int runs;

  @Option(names = "--sampler-seconds", paramLabel = "S", defaultValue = "5",
      description = "How long to measure the CPU sampler's own cost (default: ${DEFAULT-VALUE}).")
  int samplerSeconds;

  @Override
  public Integer call() throws Exception {
    if (starts < 1 || runs < 1 || samplerSeconds < 1) {
      throw new InputException("--starts, --runs and --sampler-seconds must be at least 1");
    }
    PrintWriter out = spec.commandLine().getOut();
    Path binary = compile(source());
    try {
      out.printf(Locale.US, "reference %s, bind pattern, %d starts per thread, median of %d alternating runs%n%n",
          binary.getFileName(), starts, runs);
      Table t = new Table("collector", "threads", "off starts/s", "on starts/s", "slowdown", "middle half",
          "CPU/start", "own CPU ms/s", "target");
      for (int threads : List.of(1, 2)) {
        slowdown(t, binary, threads, "counters", () -> MountSyscallCounters.start(false), 0.02);
      }
      for (int threads : List.of(1, 2)) {
        slowdown(t, binary, threads, "counters + attribution", () -> MountSyscallCounters.start(true), Double.NaN);
      }
      for (int threads : List.of(1, 2)) {
        slowdown(t, binary, threads, "lock tracer", LockContentionTracer::start, 0.10);
      }
      t.print(out);
      out.println();
      syscallCost().print(out);
      out.println();
      samplerCost().print(out);
      out.println();
      kallsyms().print(out);
    } finally {
      Files.deleteIfExists(binary);
      Files.deleteIfExists(binary.getParent());
    }
    return 0;
  }

  private Path source() {
    if (reference != null) {
      if (!Files.isRegularFile(reference)) {
        throw new InputException("--reference " + reference + ": no such file");
      }
      return reference;
    }
    for (Path p : List.of(Path.of("/work/shared/bench/mount_storm_ref.c"), Path.of("../shared/bench/mount_storm_ref.c"))) {
      if (Files.isRegularFile(p)) {
        return p;
      }
    }
    throw new InputException("no mount_storm_ref.c at /work/shared/bench or ../shared/bench: pass --reference FILE.c");
  }

  private static Path compile(Path source) throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory("mountscope-bench");
    Path binary = dir.resolve("mount_storm_ref");
    Process gcc;
    try {
      gcc = new ProcessBuilder("gcc", "-O2", "-pthread", source.toString(), "-o", binary.toString())
          .redirectErrorStream(true).start();
    } catch (IOException e) {
      Files.deleteIfExists(dir);
      throw new UnavailableException("gcc is not installed, so the C reference cannot be built", "apt-get install gcc libc6-dev", e);
    }
    String log = new String(gcc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (gcc.waitFor() != 0) {
      Files.deleteIfExists(dir);
      throw new InputException("gcc could not build " + source + ": " + log.lines().findFirst().orElse(""));
    }
    return binary;
  }

  /** One run of the reference: its throughput and the CPU time it used per start. */
  private record Run(double startsPerSecond, double cpuMicrosPerStart) {}

  /**
   * Alternates runs without and with the collector, in ABBA order. The slowdown is the median over
   * adjacent pairs of off/on - 1 (adjacent runs share the machine's noise); the CPU column is the same for
   * the reference's own CPU time per start, which other tenants' load disturbs far less.
   */
  private void slowdown(Table t, Path binary, int threads, String name, Supplier<? extends AutoCloseable> collector,
      double target) throws Exception {
    double[] off = new double[runs];
    double[] on = new double[runs];
    double[] pairs = new double[runs];
    double[] cpuPairs = new double[runs];
    double[] own = new double[runs];
    run(binary, threads); // warm the page cache and the kernel's slabs
    for (int i = 0; i < runs; i++) {
      // ABBA order: the second run of a pair is systematically faster (warm slabs), so alternate.
      Run a = i % 2 == 0 ? run(binary, threads) : null;
      Run b;
      try (AutoCloseable c = collector.get()) {
        long cpu0 = processCpuNanos();
        long wall0 = System.nanoTime();
        b = run(binary, threads);
        own[i] = (processCpuNanos() - cpu0) / 1e6 / ((System.nanoTime() - wall0) / 1e9);
      }
      if (a == null) {
        a = run(binary, threads);
      }
      off[i] = a.startsPerSecond();
      on[i] = b.startsPerSecond();
      pairs[i] = a.startsPerSecond() / b.startsPerSecond() - 1;
      cpuPairs[i] = b.cpuMicrosPerStart() / a.cpuMicrosPerStart() - 1;
    }
    double slowdown = median(pairs);
    Arrays.sort(pairs);
    t.row(name, threads, String.format(Locale.US, "%.0f", median(off)), String.format(Locale.US, "%.0f", median(on)),
        pct(slowdown), pct(pairs[runs / 4]) + ".." + pct(pairs[runs - 1 - runs / 4]), pct(median(cpuPairs)),
        String.format(Locale.US, "%.1f", median(own)), Double.isNaN(target) ? "(none set)"
            : String.format(Locale.US, "< %.0f%%", target * 100) + (slowdown < target ? " (met)" : " (missed)"));
  }

  private Run run(Path binary, int threads) throws IOException, InterruptedException {
    long cpuBefore = childrenCpuMicros();
    Process p = new ProcessBuilder(binary.toString(), "bind", "1", Integer.toString(starts), Integer.toString(threads))
        .redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
      throw new UnavailableException("the C reference failed: " + output.trim(), "run the bench as root");
    }
    long cpu = childrenCpuMicros() - cpuBefore; // the JVM reaped it: its rusage is in RUSAGE_CHILDREN
    Matcher m = STARTS_PER_S.matcher(output);
    if (!m.find()) {
      throw new IllegalStateException("no starts_per_s in the reference's output: " + output);
    }
    return new Run(Double.parseDouble(m.group(1)), cpu / (double) (starts * threads));
  }

  /** This JVM's own CPU time (the collector's drain thread and reads), in nanoseconds. */
  private static long processCpuNanos() {
    return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
        ? os.getProcessCpuTime() : 0;
  }

  /** User + system CPU time of every reaped child, in microseconds. */
  private static long childrenCpuMicros() {
    Memory usage = new Memory(144);
    usage.clear();
    if (LibC.getrusage(RUSAGE_CHILDREN, usage) != 0) {
      return 0;
    }
    return usage.getLong(0) * 1_000_000 + usage.getLong(8) + usage.getLong(16) * 1_000_000 + usage.getLong(24);
  }

  /**
   * CPU time of one mount syscall that fails at once (umount2 of a path that does not exist: the
   * tracepoint fires, nothing is mounted), on this thread, without and with each collector. Thread
   * CPU time barely moves with other tenants' load, so this isolates the per-call tracing cost.
   */
  private static Table syscallCost() throws Exception {
    int calls = 200_000;
    Table t = new Table("per umount2 call", "CPU ns", "added ns");
    String[] names = {"no collector", "counters", "counters + attribution", "lock tracer"};
    List<Supplier<? extends AutoCloseable>> collectors = List.of(() -> () -> { }, () -> MountSyscallCounters.start(false),
        () -> MountSyscallCounters.start(true), LockContentionTracer::start);
    double[][] ns = new double[names.length][7];
    failingUmounts(calls); // warm up
    for (int rep = 0; rep < 7; rep++) {
      for (int i = 0; i < names.length; i++) {
        try (AutoCloseable c = collectors.get(i).get()) {
          ns[i][rep] = failingUmounts(calls);
        }
      }
    }
    double base = median(ns[0]);
    for (int i = 0; i < names.length; i++) {
      double m = median(ns[i]);
      t.row(names[i], String.format(Locale.US, "%.0f", m), i == 0 ? "" : String.format(Locale.US, "%+.0f", m - base));
    }
    return t;
  }

  private static double failingUmounts(int calls) {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    long start = mx.getCurrentThreadCpuTime();
    for (int i = 0; i < calls; i++) {
      LibC.umount2("/nonexistent/mountscope-bench", 0);
    }
    return (mx.getCurrentThreadCpuTime() - start) / (double) calls;
  }

  /** The sampler's own CPU time: its pump thread plus the tick's read, per second of sampling. */
  private Table samplerCost() throws InterruptedException {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    Table t = new Table("CPU sampler", "Hz", "CPUs", "seconds", "samples", "lost", "sampler CPU ms/s", "share of one CPU");
    try (CpuSampler s = CpuSampler.start(CpuSampler.DEFAULT_HZ)) {
      long pump = s.pumpThread().getId();
      long pumpStart = mx.getThreadCpuTime(pump);
      long readCpu = 0;
      long wall = System.nanoTime();
      long samples = 0;
      long lost = 0;
      for (int i = 0; i < samplerSeconds; i++) {
        Thread.sleep(1000);
        long before = mx.getCurrentThreadCpuTime();
        var h = s.read(); // what the probe does once per tick
        readCpu += mx.getCurrentThreadCpuTime() - before;
        samples = h.totalSamples();
        lost = h.lostSamples();
      }
      double seconds = (System.nanoTime() - wall) / 1e9;
      double cpuMs = (mx.getThreadCpuTime(pump) - pumpStart + readCpu) / 1e6 / seconds;
      t.row("cpu-clock, kernel callchains", s.frequency(), s.cpus(), String.format(Locale.US, "%.1f", seconds), samples,
          lost, String.format(Locale.US, "%.2f", cpuMs), pct(cpuMs / 1000));
    }
    return t;
  }

  /** Load time of /proc/kallsyms and the cost of one address lookup. */
  private static Table kallsyms() {
    long[] loads = new long[5];
    Kallsyms k = null;
    for (int i = 0; i < loads.length; i++) {
      long t0 = System.nanoTime();
      k = Kallsyms.load();
      loads[i] = System.nanoTime() - t0;
    }
    long lo = k.address(0);
    long span = k.address(k.size() - 1) - lo;
    SplittableRandom rnd = new SplittableRandom(42);
    int n = 2_000_000;
    long[] addrs = new long[4096];
    for (int i = 0; i < addrs.length; i++) {
      addrs[i] = lo + (long) (rnd.nextDouble() * span);
    }
    long sink = 0;
    for (int i = 0; i < n; i++) { // warm-up
      sink += k.indexOf(addrs[i & 4095]);
    }
    long t0 = System.nanoTime();
    for (int i = 0; i < n; i++) {
      sink += k.indexOf(addrs[i & 4095]);
    }
    double lookupNs = (System.nanoTime() - t0) / (double) n;
    t0 = System.nanoTime();
    for (int i = 0; i < n / 10; i++) {
      sink += k.symbolOffset(addrs[i & 4095]).length();
    }
    double nameNs = (System.nanoTime() - t0) / (double) (n / 10);
    blackhole = sink;
    long first = loads[0];
    Arrays.sort(loads);
    Table t = new Table("kallsyms", "symbols", "first load ms", "median load ms", "lookup ns", "symbol+offset ns");
    t.row("/proc/kallsyms", k.size(), String.format(Locale.US, "%.1f", first / 1e6),
        String.format(Locale.US, "%.1f", loads[loads.length / 2] / 1e6), String.format(Locale.US, "%.0f", lookupNs),
        String.format(Locale.US, "%.0f", nameNs));
    return t;
  }

  private static double median(double[] values) {
    double[] v = values.clone();
    Arrays.sort(v);
    return v[v.length / 2];
  }

  private static String pct(double share) {
    return String.format(Locale.US, "%+.1f%%", share * 100);
  }
}
