package io.mountscope.probe.perf;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Folded stacks stay bounded without losing any leaf's self samples. */
class StackFolderTest {
  @Test
  void stacks_fold_outer_first_and_overflow_keeps_the_leaf() {
    StackFolder f = new StackFolder(2);
    f.add(new String[] {"pv_native_safe_halt", "default_idle", "do_idle"}, 3);
    f.add(new String[] {"pv_native_safe_halt", "default_idle", "do_idle"}, 3);
    f.add(new String[] {"_raw_spin_lock", "namespace_unlock"}, 2);
    f.add(new String[] {"_raw_spin_lock", "clone_mnt"}, 2);
    f.add(new String[] {"[user]"}, 1);
    assertThat(f.snapshot()).containsEntry("do_idle;default_idle;pv_native_safe_halt", 2L)
        .containsEntry("namespace_unlock;_raw_spin_lock", 1L)
        .containsEntry("[more stacks];_raw_spin_lock", 1L)
        .containsEntry("[more stacks];[user]", 1L)
        .hasSize(4);
    assertThat(f.truncated()).isEqualTo(2);
  }
}
