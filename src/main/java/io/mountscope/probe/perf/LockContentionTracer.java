package io.mountscope.probe.perf;

import io.mountscope.kernel.Kallsyms;
import io.mountscope.kernel.LibC;
import io.mountscope.kernel.SyscallException;
import io.mountscope.kernel.TracepointFormat;
import io.mountscope.kernel.Tracefs;
import io.mountscope.kernel.perf.CpuRings;
import io.mountscope.kernel.perf.PerfAccess;
import io.mountscope.kernel.perf.PerfEventAttr;
import io.mountscope.kernel.perf.PerfSample;
import io.mountscope.model.LockSample;
import java.nio.file.Path;
import java.util.List;

/**
 * Kernel lock contention, as perf lock contention reports it but without the perf binary: every
 * lock:contention_begin and lock:contention_end on every CPU is sampled (period 1) with thread,
 * time (CLOCK_MONOTONIC), CPU and raw fields, and the begin also with a short kernel callchain to
 * name the caller. A pump thread keeps the per-CPU rings drained; {@link #read()} pairs and
 * aggregates what has arrived.
 */
public final class LockContentionTracer extends RingCollector {
  static final String WHAT = "lock contention tracing";
  static final long SAMPLE_TYPE = PerfEventAttr.SAMPLE_IDENTIFIER | PerfEventAttr.SAMPLE_TID
      | PerfEventAttr.SAMPLE_TIME | PerfEventAttr.SAMPLE_CPU | PerfEventAttr.SAMPLE_CALLCHAIN | PerfEventAttr.SAMPLE_RAW;
  /** Events younger than this may still have a partner in another CPU's ring. */
  private static final long HORIZON_NANOS = 5_000_000;
  private static final String FIX = "use a kernel 5.19 or later, which has the lock:contention_begin/end tracepoints";

  private final LockCallers callers;
  private final ContentionPairing pairing = new ContentionPairing();
  private final int beginAddr;
  private final int beginFlags;
  private final int endAddr;
  private boolean stopped;

  private LockContentionTracer(List<Integer> cpus, TracepointFormat begin, TracepointFormat end, Kallsyms symbols) {
    beginAddr = begin.field("lock_addr").offset();
    beginFlags = begin.field("flags").offset();
    endAddr = end.field("lock_addr").offset();
    callers = new LockCallers(symbols, LockCallers.DEFAULT_SKIP);
    long perCpu = Math.max(256L << 10, Math.min(4L << 20, (64L << 20) / cpus.size()));
    int pages = CpuRings.pagesFor(perCpu);
    int watermark = pages * LibC.getpagesize() / 4;
    PerfEventAttr b = PerfEventAttr.tracepoint(begin.id()).period(1).sampleType(SAMPLE_TYPE)
        .set(PerfEventAttr.EXCLUDE_CALLCHAIN_USER).maxStack(LockCallers.DEFAULT_MAX_STACK)
        .clock(PerfEventAttr.CLOCK_MONOTONIC).wakeupWatermark(watermark);
    // The end needs no stack: excluding both callchains leaves an empty one, no unwinding.
    PerfEventAttr e = PerfEventAttr.tracepoint(end.id()).period(1).sampleType(SAMPLE_TYPE)
        .set(PerfEventAttr.EXCLUDE_CALLCHAIN_USER | PerfEventAttr.EXCLUDE_CALLCHAIN_KERNEL).clock(PerfEventAttr.CLOCK_MONOTONIC)
        .wakeupWatermark(watermark);
    attach(CpuRings.open(cpus, List.of(new CpuRings.Spec("lock:contention_begin", b),
        new CpuRings.Spec("lock:contention_end", e)), pages), SAMPLE_TYPE, "lock-contention");
  }

  /** Starts tracing on every online CPU, or throws an UnavailableException saying which and how to fix. */
  public static LockContentionTracer start() {
    PerfAccess.require(WHAT, PerfAccess.RAW_TRACEPOINTS);
    Path root = Tracefs.root();
    TracepointFormat begin = Tracefs.format(root, "lock", "contention_begin", FIX);
    TracepointFormat end = Tracefs.format(root, "lock", "contention_end", FIX);
    Kallsyms symbols = Kallsyms.shared();
    LockContentionTracer t;
    try {
      t = new LockContentionTracer(CpuRings.onlineCpus(), begin, end, symbols);
    } catch (SyscallException e) {
      throw PerfAccess.explain(e, WHAT, PerfAccess.RAW_TRACEPOINTS);
    }
    t.startPumping();
    return t;
  }

  @Override
  public void sample(PerfSample s) {
    int spec = rings().specOf(s.id());
    if (spec == 0) {
      pairing.add(new ContentionPairing.Event(s.time(), s.tid(), true, s.rawLong(beginAddr), s.rawInt(beginFlags),
          callers.of(s)));
    } else if (spec == 1) {
      pairing.add(new ContentionPairing.Event(s.time(), s.tid(), false, s.rawLong(endAddr), 0, null));
    }
  }

  // Pairs at every drain, so memory holds at most a pump interval (or a ring watermark) of events.
  @Override
  void drained() {
    if (!stopped) {
      pairing.flush(System.nanoTime() - HORIZON_NANOS);
    }
  }

  /** Cumulative rows since start, paired up to a few milliseconds ago. */
  public synchronized LockSample read() {
    drain();
    return new LockSample(pairing.rows(), lostRecords());
  }

  /** Stops tracing and pairs everything recorded: the final table of a fixed window. */
  public synchronized LockSample stop() {
    if (!stopped) {
      disableAndDrain();
      pairing.flushAll();
      stopped = true;
    }
    return new LockSample(pairing.rows(), lostRecords());
  }

  /** Waits still open when read (threads blocked on a lock right now, or ends lost). */
  public synchronized int openWaits() {
    return pairing.openWaits();
  }
}
