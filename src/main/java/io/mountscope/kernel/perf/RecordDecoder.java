package io.mountscope.kernel.perf;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Decodes the records of one ring buffer into calls on a {@link Handler}. Every event sharing the
 * ring must have the same sample_type: the layout of PERF_RECORD_SAMPLE follows from it, field by
 * field in the order the uapi header documents.
 */
public final class RecordDecoder implements RingBuffer.RecordSink {
  public static final int RECORD_LOST = 2;
  public static final int RECORD_COMM = 3;
  public static final int RECORD_SAMPLE = 9;
  public static final int RECORD_LOST_SAMPLES = 13;
  /** misc bit of a PERF_RECORD_COMM caused by exec (rather than a rename). */
  public static final int MISC_COMM_EXEC = 1 << 13;

  /** What the records of a ring say. */
  public interface Handler {
    void sample(PerfSample s);

    /** The kernel dropped {@code lost} records because the ring was full. */
    void lost(long lost);

    /** A task got its name (exec or prctl); only sent when an event asked for COMM records. */
    default void comm(int pid, int tid, String comm, boolean exec) {}
  }

  private final long sampleType;
  private final Handler handler;
  private final PerfSample sample = new PerfSample();
  private long unknownRecords;

  public RecordDecoder(long sampleType, Handler handler) {
    long unsupported = sampleType & ~(PerfEventAttr.SAMPLE_IDENTIFIER | PerfEventAttr.SAMPLE_IP
        | PerfEventAttr.SAMPLE_TID | PerfEventAttr.SAMPLE_TIME | PerfEventAttr.SAMPLE_ADDR | PerfEventAttr.SAMPLE_ID
        | PerfEventAttr.SAMPLE_STREAM_ID | PerfEventAttr.SAMPLE_CPU | PerfEventAttr.SAMPLE_PERIOD
        | PerfEventAttr.SAMPLE_CALLCHAIN | PerfEventAttr.SAMPLE_RAW);
    if (unsupported != 0) {
      throw new IllegalArgumentException("sample_type bits not decoded: 0x" + Long.toHexString(unsupported));
    }
    this.sampleType = sampleType;
    this.handler = handler;
  }

  /** Records of types nobody asked for (mmap, fork, ...), counted and skipped. */
  public long unknownRecords() {
    return unknownRecords;
  }

  @Override
  public void record(ByteBuffer b, int off, int size) {
    int type = b.getInt(off);
    int misc = Short.toUnsignedInt(b.getShort(off + 4));
    switch (type) {
      case RECORD_SAMPLE -> {
        decodeSample(b, off + 8, off + size, misc);
        handler.sample(sample);
      }
      case RECORD_LOST -> handler.lost(b.getLong(off + 16)); // header, u64 id, u64 lost
      case RECORD_LOST_SAMPLES -> handler.lost(b.getLong(off + 8));
      case RECORD_COMM -> {
        int pid = b.getInt(off + 8);
        int tid = b.getInt(off + 12);
        int start = off + 16;
        int end = start;
        while (end < off + size && b.get(end) != 0) {
          end++;
        }
        byte[] name = new byte[end - start];
        b.get(start, name);
        handler.comm(pid, tid, new String(name, StandardCharsets.UTF_8), (misc & MISC_COMM_EXEC) != 0);
      }
      default -> unknownRecords++;
    }
  }

  private void decodeSample(ByteBuffer b, int p, int end, int misc) {
    PerfSample s = sample;
    s.reset();
    s.misc = misc;
    long t = sampleType;
    if ((t & PerfEventAttr.SAMPLE_IDENTIFIER) != 0) {
      s.id = b.getLong(p);
      p += 8;
    }
    if ((t & PerfEventAttr.SAMPLE_IP) != 0) {
      s.ip = b.getLong(p);
      p += 8;
    }
    if ((t & PerfEventAttr.SAMPLE_TID) != 0) {
      s.pid = b.getInt(p);
      s.tid = b.getInt(p + 4);
      p += 8;
    }
    if ((t & PerfEventAttr.SAMPLE_TIME) != 0) {
      s.time = b.getLong(p);
      p += 8;
    }
    if ((t & PerfEventAttr.SAMPLE_ADDR) != 0) {
      p += 8;
    }
    if ((t & PerfEventAttr.SAMPLE_ID) != 0) {
      s.id = b.getLong(p);
      p += 8;
    }
    if ((t & PerfEventAttr.SAMPLE_STREAM_ID) != 0) {
      p += 8;
    }
    if ((t & PerfEventAttr.SAMPLE_CPU) != 0) {
      s.cpu = b.getInt(p); // u32 cpu, u32 reserved
      p += 8;
    }
    if ((t & PerfEventAttr.SAMPLE_PERIOD) != 0) {
      s.period = b.getLong(p);
      p += 8;
    }
    if ((t & PerfEventAttr.SAMPLE_CALLCHAIN) != 0) {
      long nr = b.getLong(p);
      p += 8;
      long room = (end - p) / 8;
      int n = (int) Math.min(Math.min(nr, room), s.callchain.length);
      for (int i = 0; i < n; i++) {
        s.callchain[i] = b.getLong(p + 8 * i);
      }
      s.callchainLength = n;
      p += (int) (8 * Math.min(nr, room));
    }
    if ((t & PerfEventAttr.SAMPLE_RAW) != 0 && p + 4 <= end) {
      int rawSize = b.getInt(p);
      s.rawBuf = b;
      s.rawOffset = p + 4;
      s.rawSize = Math.min(rawSize, end - p - 4);
    }
  }
}
