package io.mountscope.probe.perf;

import static org.assertj.core.api.Assertions.assertThat;

import io.mountscope.model.LockTable.Row;
import io.mountscope.probe.perf.ContentionPairing.Event;
import org.junit.jupiter.api.Test;

/** Pairing begin/end the way perf lock contention does, with events arriving from several CPUs' rings. */
class ContentionPairingTest {
  private static final long NS_SEM = 0xffffffff830f60b8L;
  private static final int MUTEX = LockTypes.MUTEX;
  private static final int MUTEX_SPIN = LockTypes.MUTEX | LockTypes.SPIN;

  private static Event begin(long t, int tid, long addr, int flags, String caller) {
    return new Event(t, tid, true, addr, flags, caller);
  }

  private static Event end(long t, int tid, long addr) {
    return new Event(t, tid, false, addr, 0, null);
  }

  @Test
  void a_mutex_that_spins_then_sleeps_is_one_contention_from_the_first_begin_to_the_end() {
    ContentionPairing p = new ContentionPairing();
    p.add(begin(100, 7, NS_SEM, MUTEX_SPIN, "namespace_unlock+0x289"));
    p.add(begin(150, 7, NS_SEM, MUTEX, "namespace_unlock+0x289"));
    p.add(end(1100, 7, NS_SEM));
    p.flushAll();
    assertThat(p.rows()).containsExactly(new Row("namespace_unlock+0x289", "mutex", 1, 1000, 1000, 1000));
  }

  @Test
  void an_end_read_from_another_cpu_before_its_begin_still_pairs_once_both_are_past_the_horizon() {
    ContentionPairing p = new ContentionPairing();
    p.add(end(500, 9, NS_SEM)); // CPU 1's ring drained first
    p.add(begin(200, 9, NS_SEM, MUTEX_SPIN, "namespace_unlock+0x289")); // CPU 0's ring
    p.flush(400);
    assertThat(p.rows()).isEmpty();
    assertThat(p.openWaits()).isEqualTo(1);
    p.flush(600);
    assertThat(p.rows()).containsExactly(new Row("namespace_unlock+0x289", "mutex", 1, 300, 300, 300));
    assertThat(p.unmatchedEnds()).isZero();
  }

  @Test
  void nested_locks_pair_by_address_and_ends_without_begins_are_ignored() {
    ContentionPairing p = new ContentionPairing();
    long waitLock = 0xffff888100001000L;
    p.add(end(50, 3, NS_SEM)); // began before tracing
    p.add(begin(100, 3, NS_SEM, MUTEX_SPIN, "namespace_unlock+0x289"));
    p.add(begin(110, 3, waitLock, LockTypes.SPIN, "exp_funnel_lock+0xa1"));
    p.add(end(130, 3, waitLock));
    p.add(end(400, 3, NS_SEM));
    p.add(begin(100, 4, NS_SEM, MUTEX_SPIN, "namespace_unlock+0x289"));
    p.add(end(700, 4, NS_SEM));
    p.flushAll();
    assertThat(p.rows()).containsExactly(
        new Row("namespace_unlock+0x289", "mutex", 2, 900, 600, 450),
        new Row("exp_funnel_lock+0xa1", "spinlock", 1, 20, 20, 20));
    assertThat(p.unmatchedEnds()).isEqualTo(1);
  }

  @Test
  void lock_types_are_named_from_the_flags_as_perf_names_them() {
    assertThat(LockTypes.name(LockTypes.SPIN)).isEqualTo("spinlock");
    assertThat(LockTypes.name(LockTypes.READ)).isEqualTo("rwsem:R");
    assertThat(LockTypes.name(LockTypes.WRITE)).isEqualTo("rwsem:W");
    assertThat(LockTypes.name(LockTypes.SPIN | LockTypes.WRITE)).isEqualTo("rwlock:W");
    assertThat(LockTypes.name(LockTypes.MUTEX)).isEqualTo("mutex");
    assertThat(LockTypes.name(MUTEX_SPIN)).isEqualTo("mutex");
    assertThat(LockTypes.name(LockTypes.PERCPU | LockTypes.READ)).isEqualTo("pcpu-sem:R");
    assertThat(LockTypes.name(LockTypes.RT)).isEqualTo("rtmutex");
    assertThat(LockTypes.name(1 << 9)).isEqualTo("unknown");
  }
}
