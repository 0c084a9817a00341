package io.mountscope.probe.perf;

import static org.assertj.core.api.Assertions.assertThat;

import io.mountscope.kernel.Kallsyms;
import io.mountscope.kernel.perf.PerfEventAttr;
import io.mountscope.kernel.perf.PerfSample;
import io.mountscope.kernel.perf.RecordBytes;
import io.mountscope.kernel.perf.RecordDecoder;
import io.mountscope.testing.Fixtures;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Callers named from real callchains of lock:contention_begin (perf report -D of a bind storm on
 * 6.18), as perf lock contention names them: skip 3 frames, then the first outside locking code.
 */
class LockCallersTest {
  private final LockCallers callers =
      new LockCallers(Kallsyms.load(Fixtures.path("kernel/kallsyms-6.18-x86_64.txt")), LockCallers.DEFAULT_SKIP);

  private String callerOf(long... chain) {
    byte[] rec = RecordBytes.lockSample(1, 10, 10, 1, 0, chain, RecordBytes.contentionBeginRaw(1, 1));
    List<String> out = new ArrayList<>();
    RecordDecoder d = new RecordDecoder(PerfEventAttr.SAMPLE_IDENTIFIER | PerfEventAttr.SAMPLE_TID | PerfEventAttr.SAMPLE_TIME
        | PerfEventAttr.SAMPLE_CPU | PerfEventAttr.SAMPLE_CALLCHAIN | PerfEventAttr.SAMPLE_RAW, new RecordDecoder.Handler() {
          @Override
          public void sample(PerfSample s) {
            out.add(callers.of(s));
          }

          @Override
          public void lost(long lost) {}
        });
    d.record(ByteBuffer.wrap(rec).order(ByteOrder.LITTLE_ENDIAN), 0, rec.length);
    return out.get(0);
  }

  @Test
  void the_expedited_rcu_mutex_taken_in_namespace_unlock_is_named_namespace_unlock() {
    assertThat(callerOf(PerfSample.CONTEXT_KERNEL, 0xffffffff821fbd31L /* __mutex_lock */,
        0xffffffff81403021L /* exp_funnel_lock */, 0xffffffff81404251L /* synchronize_rcu_expedited */,
        0xffffffff816ef3e9L /* namespace_unlock */, 0xffffffff816f0c3cL, 0xffffffff816f106eL, 0xffffffff821ed511L,
        0xffffffff81000130L)).isEqualTo("namespace_unlock+0x289");
  }

  @Test
  void a_spinlock_caller_is_the_first_non_lock_frame_after_the_skipped_ones() {
    assertThat(callerOf(PerfSample.CONTEXT_KERNEL, 0xffffffff82201d7eL /* slowpath */, 0xffffffff8220171bL /* _raw_spin_lock */,
        0xffffffff816e572fL /* new_inode */, 0xffffffff815b0fc1L /* __shmem_get_inode */, 0xffffffff816cc954L))
        .isEqualTo("__shmem_get_inode+0x81");
    // lock-text frames past the skip are passed over too
    assertThat(callerOf(PerfSample.CONTEXT_KERNEL, 1L, 2L, 3L, 0xffffffff8220171bL, 0xffffffff81403021L))
        .isEqualTo("exp_funnel_lock+0xa1");
  }

  @Test
  void a_chain_with_no_caller_left_is_unknown() {
    assertThat(callerOf(PerfSample.CONTEXT_KERNEL, 0xffffffff821fbd31L, 0xffffffff81403021L)).isEqualTo("[unknown]");
  }
}
