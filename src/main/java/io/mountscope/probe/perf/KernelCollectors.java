package io.mountscope.probe.perf;

import io.mountscope.model.HotspotSample;
import io.mountscope.model.LockSample;
import io.mountscope.model.MountCounters;
import io.mountscope.model.ProbeStatus;
import io.mountscope.util.UnavailableException;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The three kernel collectors as the sampler uses them: each is started on its first read and
 * then read once per tick. One that cannot start (no privilege, no tracefs, no tracepoint) is not
 * retried; its probe status says why, in the sentence the operator needs, and the rest of the
 * sample goes on without it.
 */
public final class KernelCollectors implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(KernelCollectors.class);

  private final Slot<MountSyscallCounters> counters = new Slot<>("mountActivity", () -> MountSyscallCounters.start(true));
  private final Slot<LockContentionTracer> locks = new Slot<>("locks", LockContentionTracer::start);
  private final Slot<CpuSampler> hotspots = new Slot<>("hotspots", () -> CpuSampler.start(CpuSampler.DEFAULT_HZ));

  public MountCounters mountCounters(Map<String, ProbeStatus> status) {
    return counters.read(status, MountSyscallCounters::read);
  }

  public LockSample locks(Map<String, ProbeStatus> status) {
    return locks.read(status, LockContentionTracer::read);
  }

  public HotspotSample hotspots(Map<String, ProbeStatus> status) {
    return hotspots.read(status, CpuSampler::read);
  }

  @Override
  public void close() {
    counters.close();
    locks.close();
    hotspots.close();
  }

  /** One collector: started once, read each tick, its failure remembered. */
  private static final class Slot<T extends AutoCloseable> {
    private final String probe;
    private final Supplier<T> starter;
    private T collector;
    private String failure;

    Slot(String probe, Supplier<T> starter) {
      this.probe = probe;
      this.starter = starter;
    }

    synchronized <R> R read(Map<String, ProbeStatus> status, Function<T, R> reader) {
      long start = System.nanoTime();
      if (failure == null && collector == null) {
        try {
          collector = starter.get();
        } catch (UnavailableException e) {
          LOG.info("probe {} unavailable: {}", probe, e.oneLine(), e);
          failure = e.oneLine();
        } catch (RuntimeException e) {
          LOG.warn("probe {} failed to start", probe, e);
          failure = "failed to start: " + e.getMessage() + " (details in the log file)";
        }
      }
      if (failure != null) {
        status.put(probe, new ProbeStatus(ProbeStatus.UNAVAILABLE, failure, 0));
        return null;
      }
      try {
        R value = reader.apply(collector);
        status.put(probe, ProbeStatus.ok((System.nanoTime() - start) / 1_000_000));
        return value;
      } catch (RuntimeException e) {
        LOG.warn("probe {} failed to read", probe, e);
        status.put(probe, new ProbeStatus(ProbeStatus.UNAVAILABLE, e.getMessage(), (System.nanoTime() - start) / 1_000_000));
        return null;
      }
    }

    synchronized void close() {
      if (collector != null) {
        try {
          collector.close();
        } catch (Exception e) {
          LOG.warn("closing probe {} failed", probe, e);
        }
        collector = null;
      }
    }
  }
}
