package io.mountscope.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class FmtTest {
  @Test
  void cpu_lists_use_the_kernels_range_format_both_ways() {
    assertThat(Fmt.cpuList(List.of(0, 1, 2, 3, 8, 10, 11))).isEqualTo("0-3,8,10-11");
    assertThat(Fmt.parseCpuList("0-3,8,10-11")).containsExactly(0, 1, 2, 3, 8, 10, 11);
    assertThat(Fmt.cpuList(Fmt.parseCpuList("0-55,112-167"))).isEqualTo("0-55,112-167");
    assertThat(Fmt.parseCpuList("")).isEmpty();
  }

  @Test
  void a_bad_cpu_list_is_an_input_error_naming_the_list() {
    assertThatThrownBy(() -> Fmt.parseCpuList("0-x")).isInstanceOf(InputException.class).hasMessageContaining("0-x");
    assertThatThrownBy(() -> Fmt.parseCpuList("5-2")).isInstanceOf(InputException.class).hasMessageContaining("5-2");
  }

  @Test
  void sizes_and_durations_read_like_a_human_wrote_them() {
    assertThat(Fmt.bytes(512)).isEqualTo("512 B");
    assertThat(Fmt.bytes(1536)).isEqualTo("1.5 KiB");
    assertThat(Fmt.bytes(24L * 1024 * 1024 * 1024)).isEqualTo("24.0 GiB");
    assertThat(Fmt.duration(59)).isEqualTo("59s");
    assertThat(Fmt.duration(3725)).isEqualTo("1h 02m");
    assertThat(Fmt.duration(90061)).isEqualTo("1d 01h");
  }
}
