package io.mountscope.model;

import java.util.List;

/** Kernel lock contention aggregated per caller and lock type, like perf lock contention prints it. */
public record LockTable(List<Row> rows) {

  /** The rows as sampled (cumulative since the tracer started). */
  public static LockTable derive(LockSample now) {
    return now == null ? null : new LockTable(now.rows());
  }

  /** One caller/type row: how often it waited, and for how long in total, at most and on average. */
  public record Row(String caller, String type, long contended, long totalWaitNanos, long maxWaitNanos,
      long avgWaitNanos) {}
}
