package io.mountscope.stress;

import org.HdrHistogram.Histogram;

/**
 * What one storm thread counted in one phase (warm-up or measured). Owned by its thread while it
 * runs and read by the coordinator only after the thread has ended: no sharing, no atomics.
 */
final class ThreadStats {
  static final int MAX_ERRNO = 256;
  final long[] syscalls = new long[SyscallKind.values().length];
  /** Failed calls by [syscall kind][errno]; close(2) failures are not counted. */
  final long[][] errors = new long[SyscallKind.values().length][MAX_ERRNO];
  /** Per-start latency in nanoseconds, successful starts only. */
  final Histogram latency = new Histogram(3);
  long starts;
  long failedStarts;
  /** The first failure, for the report: the step that failed and its errno; -1 while none. */
  int firstErrorStep = -1;
  int firstErrno;

  void error(int kind, int errno, int step) {
    if (kind >= 0) {
      errors[kind][Math.min(Math.max(errno, 0), MAX_ERRNO - 1)]++;
    }
    if (firstErrorStep < 0) {
      firstErrorStep = step;
      firstErrno = errno;
    }
  }
}
