package io.mountscope.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mountscope.util.UnavailableException;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** Field offsets come from the kernel's format files, captured from tracefs of a 6.18 kernel. */
class TracepointFormatTest {
  @Test
  void contention_begin_has_lock_addr_and_flags_where_the_kernel_says() throws Exception {
    TracepointFormat f = TracepointFormat.parse(Files.readString(KallsymsTest.fixture("contention_begin.format")));
    assertThat(f.name()).isEqualTo("contention_begin");
    assertThat(f.id()).isPositive();
    assertThat(f.field("lock_addr")).isEqualTo(new TracepointFormat.Field("lock_addr", 8, 8, false));
    assertThat(f.field("flags")).isEqualTo(new TracepointFormat.Field("flags", 16, 4, false));
    assertThat(f.field("common_pid").signed()).isTrue();
  }

  @Test
  void pointer_and_array_fields_are_named_by_their_identifier() throws Exception {
    TracepointFormat f = TracepointFormat.parse(Files.readString(KallsymsTest.fixture("sys_enter_mount.format")));
    assertThat(f.fields()).containsKeys("dev_name", "dir_name", "type", "flags", "data", "__syscall_nr");
    TracepointFormat arr = TracepointFormat.parse("name: x\nID: 5\nformat:\n\tfield:char comm[16];\toffset:8;\tsize:16;\tsigned:0;\n");
    assertThat(arr.field("comm").size()).isEqualTo(16);
  }

  @Test
  void a_missing_field_is_unavailable_with_the_tracepoint_named() {
    TracepointFormat f = TracepointFormat.parse("name: contention_end\nID: 407\n");
    assertThatThrownBy(() -> f.field("lock_addr")).isInstanceOf(UnavailableException.class)
        .hasMessageContaining("contention_end has no field 'lock_addr'");
  }
}
