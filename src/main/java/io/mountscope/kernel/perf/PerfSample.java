package io.mountscope.kernel.perf;

import java.nio.ByteBuffer;

/**
 * One PERF_RECORD_SAMPLE, decoded in place: a reusable holder (records arrive by the hundred
 * thousand per second, so the decoder fills this instead of allocating). Fields the event's
 * sample_type does not include stay at their defaults. Valid only during the sink callback.
 */
public final class PerfSample {
  /** PERF_CONTEXT_MAX: callchain entries at or above it (unsigned) are context markers, not addresses. */
  public static final long CONTEXT_MAX = -4095L;
  public static final long CONTEXT_KERNEL = -128L;
  public static final long CONTEXT_USER = -512L;
  /** misc & CPUMODE_MASK says where the sample was taken. */
  public static final int CPUMODE_MASK = 7;
  public static final int CPUMODE_KERNEL = 1;
  public static final int CPUMODE_USER = 2;

  int misc;
  long id;
  long ip;
  int pid;
  int tid;
  long time;
  int cpu;
  long period;
  final long[] callchain = new long[256];
  int callchainLength;
  ByteBuffer rawBuf;
  int rawOffset;
  int rawSize;

  void reset() {
    id = 0;
    ip = 0;
    pid = -1;
    tid = -1;
    time = 0;
    cpu = -1;
    period = 0;
    callchainLength = 0;
    rawBuf = null;
    rawOffset = 0;
    rawSize = 0;
  }

  public int misc() {
    return misc;
  }

  /** True when the CPU was in user mode when the sample was taken. */
  public boolean inUser() {
    return (misc & CPUMODE_MASK) == CPUMODE_USER;
  }

  public long id() {
    return id;
  }

  public long ip() {
    return ip;
  }

  public int pid() {
    return pid;
  }

  public int tid() {
    return tid;
  }

  public long time() {
    return time;
  }

  public int cpu() {
    return cpu;
  }

  public long period() {
    return period;
  }

  /** Entries of the callchain as recorded, context markers included (see {@link #isContext}). */
  public int callchainLength() {
    return callchainLength;
  }

  public long callchain(int i) {
    return callchain[i];
  }

  /** Whether a callchain entry is a PERF_CONTEXT_* marker rather than an address. */
  public static boolean isContext(long entry) {
    return Long.compareUnsigned(entry, CONTEXT_MAX) >= 0;
  }

  /** Bytes of the tracepoint's raw record (PERF_SAMPLE_RAW), 0 when absent. */
  public int rawSize() {
    return rawSize;
  }

  /** A field of the raw tracepoint record, at the offset its tracefs format gives. */
  public long rawLong(int offset) {
    return rawBuf.getLong(rawOffset + offset);
  }

  public int rawInt(int offset) {
    return rawBuf.getInt(rawOffset + offset);
  }
}
