package io.mountscope.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.mountscope.model.MountTableSample;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MountTableReaderTest {
  @Test
  void counts_one_mount_per_line_and_the_bytes_read(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("mountinfo");
    String text = "22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw\n"
        + "23 22 0:21 / /proc rw,nosuid shared:12 - proc proc rw\n"
        + "24 22 0:22 / /mnt/with\\040space rw - tmpfs tmpfs rw\n";
    Files.writeString(f, text);
    MountTableSample s = new MountTableReader(f).read();
    assertThat(s.mounts()).isEqualTo(3);
    assertThat(s.bytesRead()).isEqualTo(text.length());
    assertThat(s.readNanos()).isPositive();
  }

  @Test
  void the_live_table_has_as_many_mounts_as_proc_self_mountinfo_lines() throws Exception {
    long lines;
    try (var l = Files.lines(Path.of("/proc/self/mountinfo"))) {
      lines = l.count();
    }
    assertThat(new MountTableReader().read().mounts()).isEqualTo(lines);
  }
}
