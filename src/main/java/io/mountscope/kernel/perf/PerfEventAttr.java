package io.mountscope.kernel.perf;

import com.sun.jna.Memory;

/**
 * {@code struct perf_event_attr}, built in Java and written to native memory in the layout of
 * PERF_ATTR_SIZE_VER7 (128 bytes; every kernel since 5.13 takes it, older ones take the prefix
 * they know as long as the fields they do not know are zero).
 */
public final class PerfEventAttr {
  /** Bytes of the struct we pass; the kernel accepts any published size. */
  public static final int SIZE = 128;

  public static final int TYPE_SOFTWARE = 1;
  public static final int TYPE_TRACEPOINT = 2;
  public static final long SW_CPU_CLOCK = 0;

  public static final long SAMPLE_IP = 1L;
  public static final long SAMPLE_TID = 1L << 1;
  public static final long SAMPLE_TIME = 1L << 2;
  public static final long SAMPLE_ADDR = 1L << 3;
  public static final long SAMPLE_READ = 1L << 4;
  public static final long SAMPLE_CALLCHAIN = 1L << 5;
  public static final long SAMPLE_ID = 1L << 6;
  public static final long SAMPLE_CPU = 1L << 7;
  public static final long SAMPLE_PERIOD = 1L << 8;
  public static final long SAMPLE_STREAM_ID = 1L << 9;
  public static final long SAMPLE_RAW = 1L << 10;
  public static final long SAMPLE_IDENTIFIER = 1L << 16;

  public static final long FORMAT_TOTAL_TIME_ENABLED = 1L;
  public static final long FORMAT_TOTAL_TIME_RUNNING = 1L << 1;
  public static final long FORMAT_ID = 1L << 2;
  public static final long FORMAT_GROUP = 1L << 3;

  // Bits of the flags word at offset 40 (the C bitfield, in declaration order).
  public static final long DISABLED = 1L;
  public static final long INHERIT = 1L << 1;
  public static final long EXCLUDE_USER = 1L << 4;
  public static final long EXCLUDE_KERNEL = 1L << 5;
  public static final long EXCLUDE_HV = 1L << 6;
  public static final long COMM = 1L << 9;
  public static final long FREQ = 1L << 10;
  public static final long WATERMARK = 1L << 14;
  public static final long SAMPLE_ID_ALL = 1L << 18;
  public static final long EXCLUDE_GUEST = 1L << 20;
  public static final long EXCLUDE_CALLCHAIN_KERNEL = 1L << 21;
  public static final long EXCLUDE_CALLCHAIN_USER = 1L << 22;
  public static final long COMM_EXEC = 1L << 24;
  public static final long USE_CLOCKID = 1L << 25;

  /** CLOCK_MONOTONIC: the clock of System.nanoTime() on Linux, so sample times compare with it. */
  public static final int CLOCK_MONOTONIC = 1;

  private int type;
  private long config;
  private long samplePeriodOrFreq;
  private long sampleType;
  private long readFormat;
  private long flags;
  private int wakeup;
  private int clockId;
  private int sampleMaxStack;

  public static PerfEventAttr tracepoint(int tracepointId) {
    PerfEventAttr a = new PerfEventAttr();
    a.type = TYPE_TRACEPOINT;
    a.config = tracepointId;
    return a;
  }

  public static PerfEventAttr software(long config) {
    PerfEventAttr a = new PerfEventAttr();
    a.type = TYPE_SOFTWARE;
    a.config = config;
    return a;
  }

  /** A sample every {@code period} events (1 = every event). */
  public PerfEventAttr period(long period) {
    samplePeriodOrFreq = period;
    flags &= ~FREQ;
    return this;
  }

  /** About {@code hz} samples per second, the kernel adjusting the period. */
  public PerfEventAttr frequency(long hz) {
    samplePeriodOrFreq = hz;
    flags |= FREQ;
    return this;
  }

  public PerfEventAttr sampleType(long bits) {
    sampleType = bits;
    return this;
  }

  public PerfEventAttr readFormat(long bits) {
    readFormat = bits;
    return this;
  }

  public PerfEventAttr set(long flagBits) {
    flags |= flagBits;
    return this;
  }

  /** Wake pollers once {@code bytes} of records are waiting (instead of after N events). */
  public PerfEventAttr wakeupWatermark(int bytes) {
    wakeup = bytes;
    flags |= WATERMARK;
    return this;
  }

  public PerfEventAttr clock(int clockid) {
    clockId = clockid;
    flags |= USE_CLOCKID;
    return this;
  }

  /** Deepest kernel callchain to record (0 = the kernel.perf_event_max_stack default). */
  public PerfEventAttr maxStack(int frames) {
    sampleMaxStack = frames;
    return this;
  }

  public int type() {
    return type;
  }

  public long config() {
    return config;
  }

  public long sampleType() {
    return sampleType;
  }

  public long readFormat() {
    return readFormat;
  }

  public long flags() {
    return flags;
  }

  /** The struct in native memory, ready for perf_event_open. */
  public Memory toNative() {
    Memory m = new Memory(SIZE);
    m.clear();
    m.setInt(0, type);
    m.setInt(4, SIZE);
    m.setLong(8, config);
    m.setLong(16, samplePeriodOrFreq);
    m.setLong(24, sampleType);
    m.setLong(32, readFormat);
    m.setLong(40, flags);
    m.setInt(48, wakeup);
    m.setInt(92, clockId);
    m.setShort(108, (short) sampleMaxStack);
    return m;
  }
}
