package io.mountscope.stress;

import io.mountscope.util.InputException;
import io.mountscope.util.Procfs;
import java.util.List;
import java.util.Locale;

/**
 * Refuses storms that would hurt the node or measure nothing: more threads than can run, mount
 * options longer than mount(2) takes, or a peak mount count near fs.mount-max (mounts beyond it
 * fail with ENOSPC for every process in the namespace, and the storm's namespace starts as a copy
 * of the host's table).
 */
public final class Limits {
  public static final int MAX_THREADS = 256;
  /** Threads per CPU beyond which the storm measures the run queue rather than the mount locks. */
  public static final int THREADS_PER_CPU = 64;
  /** The share of fs.mount-max a storm may reach at its peak, as doctor's warning threshold. */
  public static final double MOUNT_MAX_SHARE = 0.8;

  private Limits() {}

  /** The peak the storm would reach: mounts already there, the scratch tmpfs, every thread's peak. */
  public record Estimate(long mountsNow, long stormPeak, long mountMax) {
    public long peak() {
      return mountsNow + stormPeak;
    }
  }

  /** Checks a storm against this node; returns the estimate it was judged by. */
  public static Estimate check(StressParams p, List<StartPlan> plans) {
    long now = Procfs.read("/proc/self/mountinfo").map(s -> s.lines().count()).orElse(0L);
    long max = Procfs.readLong("/proc/sys/fs/mount-max").orElse(100_000L);
    int cpus = p.cpus().isEmpty() ? CpuSets.online().size() : p.cpus().size();
    return check(p, plans, now, max, cpus);
  }

  static Estimate check(StressParams p, List<StartPlan> plans, long mountsNow, long mountMax, int cpus) {
    int threadCap = Math.min(MAX_THREADS, THREADS_PER_CPU * cpus);
    if (p.threads() > threadCap) {
      throw new InputException("--threads " + p.threads() + ": more than " + threadCap + " ("
          + (threadCap == MAX_THREADS ? "the engine's maximum" : THREADS_PER_CPU + " per CPU of the " + cpus + " it may use")
          + "); beyond that a storm measures the run queue, not the mount locks");
    }
    long stormPeak = 1; // the scratch tmpfs
    for (StartPlan plan : plans) {
      checkOptionLengths(p, plan);
      stormPeak += plan.analyse().peakMounts();
    }
    Estimate e = new Estimate(mountsNow, stormPeak, mountMax);
    if (e.peak() > MOUNT_MAX_SHARE * mountMax) {
      throw new InputException(String.format(Locale.US,
          "refusing: the storm would hold up to %d mounts at once (%d threads, %d at most per start) on top of the %d"
              + " already in the namespace, %.0f%% of fs.mount-max=%d (limit %.0f%%); use fewer --threads or --layers",
          stormPeak, p.threads(), plans.stream().mapToInt(pl -> pl.analyse().peakMounts()).max().orElse(0), mountsNow,
          100.0 * e.peak() / mountMax, mountMax, 100 * MOUNT_MAX_SHARE));
    }
    return e;
  }

  private static void checkOptionLengths(StressParams p, StartPlan plan) {
    for (Step s : plan.steps()) {
      if (s instanceof Step.Mount m && m.data() != null && m.data().length() > CustomPlanner.MAX_DATA) {
        throw new InputException("--layers " + p.layers() + ": the overlay's options would be " + m.data().length()
            + " bytes, more than the " + CustomPlanner.MAX_DATA + " mount(2) takes; use at most about "
            + p.layers() * CustomPlanner.MAX_DATA / m.data().length() + " layers");
      }
    }
  }
}
