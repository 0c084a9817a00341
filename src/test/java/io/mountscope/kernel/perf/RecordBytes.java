package io.mountscope.kernel.perf;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Builds perf records byte for byte as the kernel lays them out (little-endian x86_64/arm64), so
 * decoder and ring tests feed real layouts rather than mocks.
 */
public final class RecordBytes {
  private final ByteArrayOutputStream body = new ByteArrayOutputStream();

  public RecordBytes u64(long v) {
    ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v);
    body.writeBytes(b.array());
    return this;
  }

  public RecordBytes u32(int v) {
    ByteBuffer b = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v);
    body.writeBytes(b.array());
    return this;
  }

  public RecordBytes bytes(byte[] v) {
    body.writeBytes(v);
    return this;
  }

  /** The record with its 8-byte header (type, misc, size), padded to 8 bytes. */
  public byte[] record(int type, int misc) {
    byte[] payload = body.toByteArray();
    int size = 8 + ((payload.length + 7) & ~7);
    ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(type).putShort((short) misc).putShort((short) size).put(payload);
    return b.array();
  }

  /**
   * A PERF_RECORD_SAMPLE of sample_type IDENTIFIER|TID|TIME|CPU|CALLCHAIN|RAW, as the lock tracer
   * records it; {@code raw} is the tracepoint's record (common fields first).
   */
  public static byte[] lockSample(long id, int pid, int tid, long time, int cpu, long[] callchain, byte[] raw) {
    RecordBytes r = new RecordBytes().u64(id).u32(pid).u32(tid).u64(time).u32(cpu).u32(0).u64(callchain.length);
    for (long ip : callchain) {
      r.u64(ip);
    }
    // u32 size + raw data is padded by the kernel so the record stays 8-byte aligned
    int padded = ((4 + raw.length + 7) & ~7) - 4;
    byte[] rawPadded = java.util.Arrays.copyOf(raw, padded);
    return r.u32(padded).bytes(rawPadded).record(RecordDecoder.RECORD_SAMPLE, PerfSample.CPUMODE_KERNEL);
  }

  /** The raw record of lock:contention_begin on 6.x: common fields, lock_addr at 8, flags at 16. */
  public static byte[] contentionBeginRaw(long lockAddr, int flags) {
    return ByteBuffer.allocate(20).order(ByteOrder.LITTLE_ENDIAN).putShort((short) 408).put((byte) 0).put((byte) 0)
        .putInt(1234).putLong(lockAddr).putInt(flags).array();
  }

  public static byte[] lost(long id, long lost) {
    return new RecordBytes().u64(id).u64(lost).record(RecordDecoder.RECORD_LOST, 0);
  }
}
