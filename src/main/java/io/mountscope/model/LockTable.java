package io.mountscope.model;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Kernel lock contention aggregated per caller and lock type, like perf lock contention prints it
 * (cumulative since the tracer started), plus what the last tick added: wait time per second
 * summed over all waiters, and the share of it spent waiting in the mount-lock paths.
 */
public record LockTable(List<Row> rows, double waitNanosPerSecond, double mountLockWaitShare, long lostEvents) {

  /** The rows as sampled; per-second figures against {@code before} (zero without it). */
  public static LockTable derive(LockSample now, LockSample before, double seconds) {
    if (now == null) {
      return null;
    }
    Map<String, Long> was = new HashMap<>();
    if (before != null) {
      before.rows().forEach(r -> was.put(r.caller() + "\u0000" + r.type(), r.totalWaitNanos()));
    }
    long wait = 0;
    long mountWait = 0;
    for (Row r : now.rows()) {
      long d = before == null ? 0 : Math.max(0, r.totalWaitNanos() - was.getOrDefault(r.caller() + "\u0000" + r.type(), 0L));
      wait += d;
      if (HotspotFamily.isMountLockFrame(r.caller())) {
        mountWait += d;
      }
    }
    List<Row> rows = now.rows().stream()
        .sorted((a, b) -> Long.compare(b.totalWaitNanos(), a.totalWaitNanos())).toList();
    return new LockTable(rows, seconds > 0 ? wait / seconds : 0, wait > 0 ? (double) mountWait / wait : 0,
        now.lostEvents());
  }

  /** One caller/type row: how often it waited, and for how long in total, at most and on average. */
  public record Row(String caller, String type, long contended, long totalWaitNanos, long maxWaitNanos,
      long avgWaitNanos) {}
}
