package io.mountscope.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mountscope.testing.Fixtures;
import io.mountscope.util.UnavailableException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Symbol lookup over captured /proc/kallsyms lines of a 6.18 kernel (src/test/resources/kernel/SOURCE.md). */
class KallsymsTest {
  static Path fixture(String name) {
    return Fixtures.path("kernel/" + name);
  }

  private final Kallsyms syms = Kallsyms.load(fixture("kallsyms-6.18-x86_64.txt"));

  @Test
  void callchain_addresses_resolve_to_symbol_plus_offset_as_perf_prints_them() {
    assertThat(syms.symbolOffset(0xffffffff816ef3e9L)).isEqualTo("namespace_unlock+0x289");
    assertThat(syms.symbolOffset(0xffffffff81403021L)).isEqualTo("exp_funnel_lock+0xa1");
    assertThat(syms.symbolOffset(0xffffffff816ef160L)).isEqualTo("namespace_unlock");
    assertThat(syms.symbol(0xffffffff821fbd31L)).isEqualTo("__mutex_lock.constprop.0");
    assertThat(syms.symbolOffset(0xffffffff80000000L)).isNull();
  }

  @Test
  void unsorted_input_and_module_symbols_are_handled_and_data_symbols_skipped() {
    int i = syms.indexOf(0xffffffffc0a01010L);
    assertThat(syms.name(i)).isEqualTo("ovl_lookup");
    assertThat(syms.module(i)).isEqualTo("overlay");
    assertThat(syms.symbol(0xffffffffc0a02010L)).isEqualTo("ovl_lookup"); // ovl_data is a 'd' symbol
    assertThat(syms.module(syms.indexOf(0xffffffff816ef3e9L))).isNull();
    for (int k = 1; k < syms.size(); k++) {
      assertThat(Long.compareUnsigned(syms.address(k - 1), syms.address(k))).isLessThanOrEqualTo(0);
    }
  }

  @Test
  void the_scheduler_and_lock_text_count_as_locking_code_and_callers_do_not() {
    assertThat(syms.isLockFunction(0xffffffff821fbd31L)).as("__mutex_lock (sched text)").isTrue();
    assertThat(syms.isLockFunction(0xffffffff8220171bL)).as("_raw_spin_lock (lock text)").isTrue();
    assertThat(syms.isLockFunction(0xffffffff82201d7eL)).as("queued spin slowpath (lock text)").isTrue();
    assertThat(syms.isLockFunction(0xffffffff816ef3e9L)).as("namespace_unlock").isFalse();
    assertThat(syms.isLockFunction(0xffffffff81403021L)).as("exp_funnel_lock").isFalse();
  }

  @Test
  void hidden_addresses_are_an_unavailable_error_that_names_kptr_restrict() {
    assertThatThrownBy(() -> Kallsyms.load(fixture("kallsyms-hidden.txt")))
        .isInstanceOf(UnavailableException.class)
        .hasMessageContaining("kallsyms-hidden.txt hides kernel addresses (kernel.kptr_restrict=")
        .hasMessageContaining("so kernel stacks cannot be named");
  }

  @Test
  void the_fix_for_hidden_addresses_follows_the_kernels_rule() {
    Path f = Path.of("/proc/kallsyms");
    assertThat(Kallsyms.hidden(f, 0, 2).oneLine()).isEqualTo("/proc/kallsyms hides kernel addresses (kernel.kptr_restrict=0,"
        + " kernel.perf_event_paranoid=2), so kernel stacks cannot be named: run mountscope as root (CAP_SYSLOG), or"
        + " sysctl -w kernel.perf_event_paranoid=1");
    assertThat(Kallsyms.hidden(f, 1, 1).fix()).isEqualTo("run mountscope as root (CAP_SYSLOG), or sysctl -w kernel.kptr_restrict=0");
    assertThat(Kallsyms.hidden(f, 2, -1).fix()).isEqualTo("sysctl -w kernel.kptr_restrict=1 and run mountscope as root");
  }
}
