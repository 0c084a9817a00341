package io.mountscope.kernel.perf;

import static org.assertj.core.api.Assertions.assertThat;

import io.mountscope.kernel.LibC;
import io.mountscope.kernel.Syscalls;
import io.mountscope.kernel.Tracefs;
import io.mountscope.testing.Prerequisites;
import org.junit.jupiter.api.Test;

/**
 * The ring buffer against the real kernel: a period-1 sampler on this thread's umount2 calls,
 * with a one-page ring. Every call is either a decoded sample or counted in a PERF_RECORD_LOST;
 * records wrap around the ring end many times without a byte lost.
 */
class RingBufferIT {
  private static final class Tally implements RecordDecoder.Handler {
    long samples;
    long lost;
    long foreign;
    final int tid = Syscalls.gettid();

    @Override
    public void sample(PerfSample s) {
      samples++;
      if (s.tid() != tid) {
        foreign++;
      }
    }

    @Override
    public void lost(long n) {
      lost += n;
    }
  }

  private static void umounts(int n) {
    for (int i = 0; i < n; i++) {
      LibC.umount2("/nonexistent/mountscope-ring-test", 0); // fails at once, after the tracepoint
    }
  }

  @Test
  void every_call_is_a_sample_or_counted_lost_and_wrapped_records_arrive_whole() {
    Prerequisites.root();
    int id = Tracefs.format(Tracefs.root(), "syscalls", "sys_enter_umount", "").id();
    long sampleType = PerfEventAttr.SAMPLE_IDENTIFIER | PerfEventAttr.SAMPLE_TID;
    PerfEventAttr attr = PerfEventAttr.tracepoint(id).period(1).sampleType(sampleType).set(PerfEventAttr.DISABLED);
    try (PerfEvent e = PerfEvent.open(attr, "syscalls:sys_enter_umount", 0, -1, null);
        RingBuffer ring = RingBuffer.map(e, 1)) {
      Tally tally = new Tally();
      RecordDecoder decoder = new RecordDecoder(sampleType, tally);
      e.enable(false);

      // Overflow: 24-byte records, one page: most of 1000 calls cannot fit.
      umounts(1000);
      ring.drain(decoder);
      umounts(1); // space again: the kernel now writes its LOST record, then this sample
      ring.drain(decoder);
      assertThat(tally.lost).as("lost records reported").isPositive();
      assertThat(tally.samples + tally.lost).isEqualTo(1001);

      // Wrap-around: drained as we go, 40 rounds of 50 records run round the 4 KiB ring many times.
      long before = tally.samples;
      long lostBefore = tally.lost;
      for (int round = 0; round < 40; round++) {
        umounts(50);
        ring.drain(decoder);
      }
      e.disable(false);
      assertThat(tally.samples - before).isEqualTo(2000);
      assertThat(tally.lost).isEqualTo(lostBefore);
      assertThat(tally.foreign).as("samples of other threads").isZero();
      assertThat(ring.corruptRecords()).isZero();
      assertThat(e.readCount()).as("the event's own count: exact whatever the ring dropped").isEqualTo(3001);
    }
  }
}
