package io.mountscope.kernel.perf;

import static org.assertj.core.api.Assertions.assertThat;

import io.mountscope.kernel.Errno;
import io.mountscope.kernel.SyscallException;
import io.mountscope.util.UnavailableException;
import org.junit.jupiter.api.Test;

/** What the operator is told when perf events are not allowed. */
class PerfAccessTest {
  @Test
  void perfmon_or_a_low_enough_paranoid_level_allows_system_wide_events() {
    assertThat(PerfAccess.denial("x", true, 65534, 2L, PerfAccess.RAW_TRACEPOINTS)).isEmpty();
    assertThat(PerfAccess.denial("x", false, 1000, -1L, PerfAccess.RAW_TRACEPOINTS)).isEmpty();
    assertThat(PerfAccess.denial("x", false, 1000, 0L, PerfAccess.CPU_WIDE)).isEmpty();
  }

  @Test
  void an_unprivileged_user_under_paranoid_2_is_told_the_level_needed_and_what_it_is() {
    assertThat(PerfAccess.denial("lock contention tracing", false, 65534, 2L, PerfAccess.RAW_TRACEPOINTS)).hasValue(
        "lock contention tracing needs CAP_PERFMON or kernel.perf_event_paranoid<=-1, and this process (uid 65534)"
            + " has no CAP_PERFMON while perf_event_paranoid is 2");
    assertThat(PerfAccess.denial("CPU sampling", false, 1000, 1L, PerfAccess.CPU_WIDE)).get().asString()
        .contains("perf_event_paranoid<=0").contains("is 1");
  }

  @Test
  void a_kernel_without_perf_events_says_so() {
    assertThat(PerfAccess.denial("CPU sampling", true, 0, null, 0)).get().asString().contains("this kernel has none");
  }

  @Test
  void errnos_become_unavailable_with_a_fix_and_bugs_stay_bugs() {
    RuntimeException denied = PerfAccess.explain(new SyscallException("perf_event_open", "cpu-clock on CPU 0", Errno.EACCES),
        "CPU sampling", PerfAccess.CPU_WIDE);
    assertThat(denied).isInstanceOf(UnavailableException.class);
    assertThat(((UnavailableException) denied).oneLine()).startsWith("CPU sampling: perf_event_open(cpu-clock on CPU 0) failed: EACCES")
        .contains("perf_event_paranoid=").endsWith("sysctl -w kernel.perf_event_paranoid=0");
    RuntimeException files = PerfAccess.explain(new SyscallException("perf_event_open", "x", Errno.EMFILE), "w", 0);
    assertThat(((UnavailableException) files).fix()).contains("ulimit -n");
    RuntimeException mlock = PerfAccess.explain(new SyscallException("mmap", "ring", Errno.EPERM), "w", 0);
    assertThat(((UnavailableException) mlock).fix()).contains("perf_event_mlock_kb");
    SyscallException bug = new SyscallException("perf_event_open", "x", Errno.EINVAL);
    assertThat(PerfAccess.explain(bug, "w", 0)).isSameAs(bug);
  }
}
