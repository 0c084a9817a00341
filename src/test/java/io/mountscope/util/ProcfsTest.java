package io.mountscope.util;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.FileReader;
import org.junit.jupiter.api.Test;

class ProcfsTest {
  @Test
  void reads_whole_sysctl_values_where_files_readstring_sees_one_byte() throws Exception {
    String expected;
    try (BufferedReader r = new BufferedReader(new FileReader("/proc/sys/kernel/pid_max"))) {
      expected = r.readLine();
    }
    assertThat(expected).hasSizeGreaterThan(1);
    assertThat(Procfs.read("/proc/sys/kernel/pid_max")).contains(expected);
    assertThat(Procfs.readLong("/proc/sys/kernel/pid_max")).contains(Long.parseLong(expected));
  }

  @Test
  void missing_files_and_fields_are_empty_not_errors() {
    assertThat(Procfs.read("/proc/no/such/file")).isEmpty();
    assertThat(Procfs.selfStatus("NoSuchField")).isEmpty();
    assertThat(Procfs.selfStatus("Name")).isPresent();
    assertThat(Procfs.effectiveUid()).isGreaterThanOrEqualTo(0);
  }
}
