package io.mountscope.plugins.kubelet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mountscope.plugin.api.Unavailable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Following the kubelet's log file on a real file system: appends are read once, a line written
 * in two pieces is read whole, logrotate's rename and copytruncate lose nothing and repeat
 * nothing, and a missing file is unavailable with where it was looked for.
 */
class LogFileTest {
  private static final List<String> LINES = KubeletLogLines.kubelet("kubelet-syslog.log");

  @TempDir
  Path dir;

  private static void append(Path file, String text) throws Exception {
    Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  @Test
  void appended_lines_are_read_once_and_a_half_written_line_waits_for_its_end() throws Exception {
    Path log = dir.resolve("kubelet.log");
    append(log, LINES.get(0) + "\n" + LINES.get(1) + "\n");
    try (LogFile f = new LogFile(log)) {
      assertThat(f.readNew()).containsExactly(LINES.get(0), LINES.get(1));
      assertThat(f.readNew()).isEmpty();
      String third = LINES.get(2);
      append(log, third.substring(0, 100));
      assertThat(f.readNew()).isEmpty();
      append(log, third.substring(100) + "\n" + LINES.get(3) + "\n");
      assertThat(f.readNew()).containsExactly(third, LINES.get(3));
      assertThat(f.rotations()).isZero();
    }
  }

  @Test
  void a_rotated_log_is_read_to_its_end_and_the_new_file_from_its_start() throws Exception {
    Path log = dir.resolve("kubelet.log");
    append(log, LINES.get(0) + "\n");
    try (LogFile f = new LogFile(log)) {
      assertThat(f.readNew()).containsExactly(LINES.get(0));
      append(log, LINES.get(1) + "\n"); // written just before the rotation
      Files.move(log, dir.resolve("kubelet.log.1"));
      assertThat(f.readNew()).containsExactly(LINES.get(1)); // the kubelet has not reopened yet
      append(log, LINES.get(2) + "\n" + LINES.get(3) + "\n");
      assertThat(f.readNew()).containsExactly(LINES.get(2), LINES.get(3));
      assertThat(f.rotations()).isEqualTo(1);
      append(log, LINES.get(4) + "\n");
      assertThat(f.readNew()).containsExactly(LINES.get(4));
    }
  }

  @Test
  void a_log_truncated_in_place_is_read_again_from_its_start() throws Exception {
    Path log = dir.resolve("kubelet.log");
    append(log, LINES.get(0) + "\n" + LINES.get(1) + "\n");
    try (LogFile f = new LogFile(log)) {
      assertThat(f.readNew()).hasSize(2);
      // logrotate's copytruncate: the same inode, cut to nothing, then written on.
      Files.write(log, new byte[0], StandardOpenOption.TRUNCATE_EXISTING);
      append(log, LINES.get(5) + "\n");
      assertThat(f.readNew()).containsExactly(LINES.get(5));
      assertThat(f.rotations()).isEqualTo(1);
    }
  }

  @Test
  void the_first_read_of_a_long_log_takes_only_its_tail_from_a_line_start() throws Exception {
    Path log = dir.resolve("kubelet.log");
    StringBuilder b = new StringBuilder();
    int n = 0;
    while (b.length() < LogFile.FIRST_TAIL * 3) {
      b.append(LINES.get(n++ % 8)).append('\n');
    }
    append(log, b.toString());
    try (LogFile f = new LogFile(log)) {
      List<String> tail = f.readNew();
      assertThat(tail).allSatisfy(l -> assertThat(LINES).contains(l)); // whole lines only
      long bytes = tail.stream().mapToLong(l -> l.getBytes(StandardCharsets.UTF_8).length + 1).sum();
      assertThat(bytes).isLessThanOrEqualTo(LogFile.FIRST_TAIL).isGreaterThan(LogFile.FIRST_TAIL - 1000);
      assertThat(tail.get(tail.size() - 1)).isEqualTo(LINES.get((n - 1) % 8));
    }
  }

  @Test
  void a_missing_log_is_unavailable_with_its_path() {
    Path log = dir.resolve("nope/kubelet.log");
    try (LogFile f = new LogFile(log)) {
      assertThatThrownBy(f::readNew).isInstanceOf(Unavailable.class)
          .hasMessage("no kubelet log at " + log + " (set log to the kubelet's log file, or to journal)");
    }
  }
}
