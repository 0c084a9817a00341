package io.mountscope.probe.perf;

import io.mountscope.kernel.Kallsyms;
import io.mountscope.kernel.SyscallException;
import io.mountscope.kernel.perf.CpuRings;
import io.mountscope.kernel.perf.PerfAccess;
import io.mountscope.kernel.perf.PerfEventAttr;
import io.mountscope.kernel.perf.PerfSample;
import io.mountscope.model.HotspotSample;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the CPUs spend their time in the kernel: a cpu-clock sampling event on every CPU, one
 * sample every 1/HZ seconds of CPU time (default 99 Hz, off the beat of 100 Hz timers), with
 * kernel callchains, so shares are shares of the machine's CPU time, idle included. A sample
 * taken in user space counts as "[user]"; a kernel address no symbol covers as "[unknown]".
 */
public final class CpuSampler extends RingCollector {
  public static final int DEFAULT_HZ = 99;
  public static final String USER = "[user]";
  public static final String UNKNOWN = "[unknown]";
  static final String WHAT = "CPU sampling";
  static final long SAMPLE_TYPE = PerfEventAttr.SAMPLE_IP | PerfEventAttr.SAMPLE_TID | PerfEventAttr.SAMPLE_TIME
      | PerfEventAttr.SAMPLE_CPU | PerfEventAttr.SAMPLE_CALLCHAIN | PerfEventAttr.SAMPLE_PERIOD;
  static final int MAX_STACK = 64;
  static final int MAX_STACKS = 20_000;

  private final Kallsyms symbols;
  private final int hz;
  private final Map<Integer, Map<String, Long>> perCpu = new HashMap<>();
  private final StackFolder folder = new StackFolder(MAX_STACKS);
  private final Map<Long, String> names = new HashMap<>();
  private final String[] frames = new String[MAX_STACK + 1];
  private long samples;
  private long startNanos;
  private long stopNanos;
  private boolean stopped;

  private CpuSampler(List<Integer> cpus, int hz, Kallsyms symbols) {
    this.hz = hz;
    this.symbols = symbols;
    // A fixed period (cpu-clock counts nanoseconds), not frequency mode: the kernel starts a
    // frequency event at a 10 us period and tunes it down over ~50 samples, a burst that skews short
    // windows, and it samples idle CPUs at about half the rate; a fixed period samples all CPU time alike.
    PerfEventAttr a = PerfEventAttr.software(PerfEventAttr.SW_CPU_CLOCK).period(1_000_000_000L / hz).sampleType(SAMPLE_TYPE)
        .set(PerfEventAttr.EXCLUDE_CALLCHAIN_USER).maxStack(MAX_STACK).clock(PerfEventAttr.CLOCK_MONOTONIC)
        .wakeupWatermark(32 << 10);
    attach(CpuRings.open(cpus, List.of(new CpuRings.Spec("cpu-clock", a)), CpuRings.pagesFor(128 << 10)),
        SAMPLE_TYPE, "cpu-sampler");
  }

  /** Starts sampling every online CPU at {@code hz}, or throws an UnavailableException saying which and how to fix. */
  public static CpuSampler start(int hz) {
    if (hz < 1 || hz > 10_000) {
      throw new IllegalArgumentException("sampling frequency must be 1..10000 Hz, got " + hz);
    }
    PerfAccess.require(WHAT, PerfAccess.CPU_WIDE);
    Kallsyms symbols = Kallsyms.shared();
    CpuSampler s;
    try {
      s = new CpuSampler(CpuRings.onlineCpus(), hz, symbols);
    } catch (SyscallException e) {
      throw PerfAccess.explain(e, WHAT, PerfAccess.CPU_WIDE);
    }
    s.startNanos = System.nanoTime();
    s.startPumping();
    return s;
  }

  @Override
  public void sample(PerfSample s) {
    samples++;
    String leaf;
    int n = 0;
    if (s.inUser()) {
      leaf = USER;
      frames[n++] = USER;
    } else {
      leaf = name(s.ip());
      for (int i = 0; i < s.callchainLength() && n < frames.length; i++) {
        long ip = s.callchain(i);
        if (!PerfSample.isContext(ip)) {
          frames[n++] = name(ip);
        }
      }
      if (n == 0) {
        frames[n++] = leaf;
      }
    }
    perCpu.computeIfAbsent(s.cpu(), c -> new HashMap<>()).merge(leaf, 1L, Long::sum);
    folder.add(frames, n);
  }

  private String name(long ip) {
    String n = names.get(ip);
    if (n == null) {
      String sym = symbols.symbol(ip);
      n = sym == null ? UNKNOWN : sym;
      if (names.size() > 1 << 16) {
        names.clear();
      }
      names.put(ip, n);
    }
    return n;
  }

  /** Cumulative samples since start. */
  public synchronized HotspotSample read() {
    drain();
    Map<Integer, Map<String, Long>> cpus = new HashMap<>();
    perCpu.forEach((cpu, m) -> cpus.put(cpu, Map.copyOf(m)));
    return new HotspotSample(samples, Map.copyOf(cpus), folder.snapshot(), lostRecords());
  }

  /** Stops sampling and returns everything recorded. */
  public synchronized HotspotSample stop() {
    if (!stopped) {
      disableAndDrain();
      stopNanos = System.nanoTime();
      stopped = true;
    }
    return read();
  }

  /** CLOCK_MONOTONIC nanoseconds when sampling started, and stopped (0 while running). */
  public long startNanos() {
    return startNanos;
  }

  public long stopNanos() {
    return stopNanos;
  }

  public int frequency() {
    return hz;
  }

  public int cpus() {
    return rings().cpus();
  }

  /** Samples whose stack was folded under its leaf only, because the stack table was full. */
  public synchronized long truncatedStacks() {
    return folder.truncated();
  }

}
