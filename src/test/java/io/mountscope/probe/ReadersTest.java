package io.mountscope.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.mountscope.model.CpuTimesSample;
import io.mountscope.model.Sysctl;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The small readers against the files they read. */
class ReadersTest {
  @Test
  void proc_stat_busy_excludes_idle_and_iowait() {
    CpuTimesSample s = CpuTimesReader.parse("cpu  10 0 0 0 0 0 0 0 0 0\n"
        + "cpu0 100 5 20 1000 50 3 2 1 0 0\n"
        + "cpu2 7 0 3 90 0 0 0 0 0 0\nintr 1 2 3\n");
    assertThat(s.busyTicks()).containsExactly(131, 0, 10);
    assertThat(s.totalTicks()).containsExactly(1181, 0, 100);
  }

  @Test
  void the_live_proc_stat_has_every_cpu() {
    CpuTimesSample s = new CpuTimesReader().read();
    assertThat(s.totalTicks()).hasSize(Runtime.getRuntime().availableProcessors());
    assertThat(java.util.Arrays.stream(s.totalTicks()).allMatch(t -> t > 0)).isTrue();
  }

  @Test
  void sysctls_are_read_from_proc_sys_with_a_reason_each() throws Exception {
    List<Sysctl> all = new SysctlReader().read();
    assertThat(all).allMatch(s -> !s.why().isBlank() && s.why().length() < 120);
    Sysctl mountMax = all.stream().filter(s -> s.key().equals("fs.mount-max")).findFirst().orElseThrow();
    Process sysctl = new ProcessBuilder("sysctl", "-n", "fs.mount-max").start();
    assertThat(mountMax.value()).isEqualTo(new String(sysctl.getInputStream().readAllBytes()).trim());
    assertThat(new SysctlReader(Path.of("/nonexistent")).read()).allMatch(s -> s.value() == null);
  }
}
