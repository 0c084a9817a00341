package io.mountscope.kernel.perf;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The ring's reader against records laid out as the kernel writes them, wrap-around included. */
class RingBufferTest {
  private final ByteBuffer meta = ByteBuffer.allocateDirect(4096).order(ByteOrder.nativeOrder());
  private final ByteBuffer data = ByteBuffer.allocateDirect(256).order(ByteOrder.nativeOrder());
  private final RingBuffer ring = RingBuffer.over(meta, data);
  private long head;

  /** Writes a record where the kernel would, wrapping at the end of the data area, and publishes head. */
  private void publish(byte[] record) {
    for (byte b : record) {
      data.put((int) (head++ & 255), b);
    }
    meta.putLong(RingBuffer.HEAD, head);
  }

  private static final class Seen implements RecordDecoder.Handler {
    final List<String> events = new ArrayList<>();

    @Override
    public void sample(PerfSample s) {
      StringBuilder chain = new StringBuilder();
      for (int i = 0; i < s.callchainLength(); i++) {
        chain.append(PerfSample.isContext(s.callchain(i)) ? "ctx" : Long.toHexString(s.callchain(i))).append(' ');
      }
      events.add("sample id=" + s.id() + " pid=" + s.pid() + " tid=" + s.tid() + " time=" + s.time() + " cpu=" + s.cpu()
          + " chain=" + chain.toString().trim() + " addr=" + Long.toHexString(s.rawLong(8)) + " flags=" + s.rawInt(16));
    }

    @Override
    public void lost(long lost) {
      events.add("lost " + lost);
    }
  }

  private static final long SAMPLE_TYPE = PerfEventAttr.SAMPLE_IDENTIFIER | PerfEventAttr.SAMPLE_TID
      | PerfEventAttr.SAMPLE_TIME | PerfEventAttr.SAMPLE_CPU | PerfEventAttr.SAMPLE_CALLCHAIN | PerfEventAttr.SAMPLE_RAW;

  private static byte[] sample(long time) {
    return RecordBytes.lockSample(7, 100, 101, time, 1,
        new long[] {PerfSample.CONTEXT_KERNEL, 0xffffffff821fbd31L, 0xffffffff81403021L},
        RecordBytes.contentionBeginRaw(0xffffffff830f60b8L, 32));
  }

  @Test
  void records_are_read_in_order_and_the_tail_is_published_after_them() {
    Seen seen = new Seen();
    RecordDecoder decoder = new RecordDecoder(SAMPLE_TYPE, seen);
    publish(sample(1000));
    publish(RecordBytes.lost(7, 42));
    assertThat(ring.drain(decoder)).isEqualTo(2);
    assertThat(seen.events).containsExactly(
        "sample id=7 pid=100 tid=101 time=1000 cpu=1 chain=ctx ffffffff821fbd31 ffffffff81403021 addr=ffffffff830f60b8 flags=32",
        "lost 42");
    assertThat(meta.getLong(RingBuffer.TAIL)).isEqualTo(head);
    assertThat(ring.drain(decoder)).isZero();
  }

  @Test
  void a_record_that_wraps_past_the_end_of_the_ring_arrives_whole() {
    Seen seen = new Seen();
    RecordDecoder decoder = new RecordDecoder(SAMPLE_TYPE, seen);
    int size = sample(0).length;
    // fill and consume until the next record straddles the end of the 256-byte data area
    long t = 0;
    while ((head & 255) + size <= 256) {
      publish(sample(++t));
      ring.drain(decoder);
    }
    long straddlingAt = head & 255;
    publish(sample(999));
    seen.events.clear();
    assertThat(ring.drain(decoder)).isEqualTo(1);
    assertThat(straddlingAt + size).isGreaterThan(256);
    assertThat(seen.events).singleElement().asString().contains("time=999", "addr=ffffffff830f60b8", "flags=32",
        "chain=ctx ffffffff821fbd31 ffffffff81403021");
  }

  @Test
  void a_header_that_makes_no_sense_drops_the_published_data_instead_of_misparsing_it() {
    Seen seen = new Seen();
    byte[] bogus = new byte[16]; // size field 0
    publish(bogus);
    assertThat(ring.drain(new RecordDecoder(SAMPLE_TYPE, seen))).isZero();
    assertThat(ring.corruptRecords()).isEqualTo(1);
    assertThat(meta.getLong(RingBuffer.TAIL)).isEqualTo(head);
  }

  @Test
  void comm_records_name_the_process() {
    List<String> names = new ArrayList<>();
    RecordDecoder d = new RecordDecoder(PerfEventAttr.SAMPLE_IDENTIFIER | PerfEventAttr.SAMPLE_TID, new RecordDecoder.Handler() {
      @Override
      public void sample(PerfSample s) {}

      @Override
      public void lost(long lost) {}

      @Override
      public void comm(int pid, int tid, String comm, boolean exec) {
        names.add(pid + "/" + tid + " " + comm + (exec ? " exec" : ""));
      }
    });
    publish(new RecordBytes().u32(42).u32(42).bytes("containerd\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
        .record(RecordDecoder.RECORD_COMM, RecordDecoder.MISC_COMM_EXEC));
    ring.drain(d);
    assertThat(names).containsExactly("42/42 containerd exec");
  }
}
