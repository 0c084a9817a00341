package io.mountscope.model;

import java.util.List;

/**
 * Container starts as read in one tick, raw: each start in flight with its start time (not its
 * age), outcome counters cumulative since the probe started (completed, failed, and unknown:
 * ended without evidence of how), and the latency distribution of the completed starts. {@code source} is "containerd" (its event stream) or "process-table" (runc and
 * crun processes, when no containerd socket is reachable).
 */
public record StartupsSample(
    String source,
    ContainerdStatus containerd,
    List<Start> inFlight,
    long completed,
    long failed,
    long unknown,
    Latency latency,
    List<Finished> recent,
    long warningMillis,
    long criticalMillis) {

  public static final String SOURCE_CONTAINERD = "containerd";
  public static final String SOURCE_PROCESS_TABLE = "process-table";

  /**
   * A start in flight. {@code state}: "creating" (container exists, task not yet created: rootfs
   * mount, shim, runtime create) or "created" (task created, waiting for its start).
   * {@code layers}, {@code userns}, {@code mountSyscalls}, {@code snapshotter} are null while unknown.
   */
  public record Start(String id, String namespace, String image, Integer layers, String snapshotter,
      long startedMillis, String state, Boolean userns, Long mountSyscalls, List<Integer> pids) {}

  /** A start that finished: outcome "completed" or "failed", latency from create to start. */
  public record Finished(String id, String namespace, String image, Integer layers, String outcome,
      long latencyMillis, long finishedMillis) {}

  /** Latencies of finished starts since the probe started, in milliseconds. */
  public record Latency(long count, double meanMillis, long p50Millis, long p90Millis, long p99Millis,
      long maxMillis) {
    public static final Latency EMPTY = new Latency(0, 0, 0, 0, 0, 0);
  }
}
