package io.mountscope.kernel.perf;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import io.mountscope.kernel.LibC;
import io.mountscope.kernel.SyscallException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A perf mmap ring buffer: one metadata page, then 2^n data pages the kernel writes records into.
 * The kernel publishes {@code data_head} after writing records, so it is read with acquire
 * semantics before the records; we publish {@code data_tail} with release semantics after reading
 * them, so the kernel never overwrites a record still being read. Records that wrap past the end of
 * the data area are copied into a scratch buffer and handed over whole.
 */
public final class RingBuffer implements AutoCloseable {
  static final int HEAD = 1024;
  static final int TAIL = 1032;
  static final int DATA_OFFSET = 1040;
  static final int DATA_SIZE = 1048;
  private static final int PROT_READ_WRITE = 3;
  private static final int MAP_SHARED = 1;
  private static final VarHandle LONGS = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());

  /** Receives one complete record: {@code buf} holds it at {@code offset}, {@code size} bytes, header included. */
  @FunctionalInterface
  public interface RecordSink {
    void record(ByteBuffer buf, int offset, int size);
  }

  private final Pointer mapping;
  private final long mapLength;
  private final ByteBuffer meta;
  private final ByteBuffer data;
  private final int mask;
  private final ByteBuffer scratch = ByteBuffer.allocate(1 << 16).order(ByteOrder.nativeOrder());
  private long corrupt;
  private boolean closed;

  RingBuffer(Pointer mapping, long mapLength, ByteBuffer meta, ByteBuffer data) {
    if (Integer.bitCount(data.capacity()) != 1) {
      throw new IllegalArgumentException("ring data size must be a power of two, got " + data.capacity());
    }
    this.mapping = mapping;
    this.mapLength = mapLength;
    this.meta = meta.order(ByteOrder.nativeOrder());
    this.data = data.order(ByteOrder.nativeOrder());
    this.mask = data.capacity() - 1;
  }

  /** A ring over memory we own (for tests and replays): {@code meta} is the control page. */
  public static RingBuffer over(ByteBuffer meta, ByteBuffer data) {
    return new RingBuffer(null, 0, meta, data);
  }

  /** Maps {@code dataPages} (a power of two) data pages of {@code event}'s ring. */
  public static RingBuffer map(PerfEvent event, int dataPages) {
    int page = LibC.getpagesize();
    long length = (long) page * (1 + dataPages);
    Pointer p = LibC.mmap(null, length, PROT_READ_WRITE, MAP_SHARED, event.fd(), 0);
    if (p == null || Pointer.nativeValue(p) == -1) {
      throw new SyscallException("mmap", "ring buffer of " + event.name() + " on CPU " + event.cpu()
          + " (" + (length >> 10) + " KiB)", Native.getLastError());
    }
    ByteBuffer whole = p.getByteBuffer(0, length);
    ByteBuffer meta = whole.slice(0, page).order(ByteOrder.nativeOrder());
    long offset = meta.getLong(DATA_OFFSET);
    long size = meta.getLong(DATA_SIZE);
    if (size == 0) { // kernels before 4.1 leave these zero: data follows the first page
      offset = page;
      size = length - page;
    }
    return new RingBuffer(p, length, meta, whole.slice((int) offset, (int) size));
  }

  /** Bytes of the data area. */
  public int dataSize() {
    return mask + 1;
  }

  /** Records skipped because a header made no sense (should stay 0). */
  public long corruptRecords() {
    return corrupt;
  }

  /** Hands every record published so far to {@code sink}, then frees their space; returns how many. */
  public synchronized int drain(RecordSink sink) {
    if (closed) {
      return 0;
    }
    long head = (long) LONGS.getAcquire(meta, HEAD);
    long tail = (long) LONGS.get(meta, TAIL);
    int count = 0;
    while (tail < head) {
      int off = (int) (tail & mask);
      int size = Short.toUnsignedInt(data.getShort(off + 6));
      if (size < 8 || (size & 7) != 0 || tail + size > head) {
        corrupt++; // cannot find the next header: drop what is published rather than misparse it
        tail = head;
        break;
      }
      if (off + size <= dataSize()) {
        sink.record(data, off, size);
      } else {
        int first = dataSize() - off;
        scratch.clear();
        scratch.put(0, data, off, first);
        scratch.put(first, data, 0, size - first);
        sink.record(scratch, 0, size);
      }
      tail += size;
      count++;
    }
    LONGS.setRelease(meta, TAIL, tail);
    return count;
  }

  @Override
  public synchronized void close() {
    if (!closed && mapping != null) {
      LibC.munmap(mapping, mapLength);
    }
    closed = true;
  }
}
