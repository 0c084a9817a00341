package io.mountscope.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.utils.AttributedString;
import org.junit.jupiter.api.Test;

/** What recipes converse with: confirmations that default to no, choices, progress bars, tables. */
class OperatorPiecesTest {
  private final ByteArrayOutputStream screen = new ByteArrayOutputStream();

  private TerminalIo typing(String keys) throws Exception {
    Terminal t = ConsoleRehearsal.inMemory(keys.getBytes(StandardCharsets.UTF_8), screen, new Size(80, 24));
    return TerminalIo.on(t);
  }

  private String shown() {
    return AttributedString.stripAnsi(screen.toString(StandardCharsets.UTF_8)).replace("\r\n", "\n");
  }

  @Test
  void a_confirmation_is_no_unless_the_operator_says_yes() throws Exception {
    assertThat(typing("\r").confirm("Apply kernel.numa_balancing=0?")).isFalse();
    assertThat(shown()).contains("Apply kernel.numa_balancing=0? [y/N]");
    assertThat(typing("y\r").confirm("Apply?")).isTrue();
    assertThat(typing("YES\r").confirm("Apply?")).isTrue();
    assertThat(typing("n\r").confirm("Apply?")).isFalse();
    assertThat(typing("\004").confirm("Apply?")).as("Ctrl-D").isFalse();
  }

  @Test
  void an_unclear_answer_is_asked_again_and_three_unclear_answers_are_no() throws Exception {
    assertThat(typing("maybe\ry\r").confirm("Apply?")).isTrue();
    assertThat(shown()).contains("please answer y or n");
    assertThat(typing("a\rb\rc\ry\r").confirm("Apply?")).isFalse();
  }

  @Test
  void ctrl_c_during_a_question_cancels() throws Exception {
    // Ctrl-C is a signal: it must arrive while the question waits, as it does from a person.
    BlockingQueue<Integer> keyboard = new LinkedBlockingQueue<>();
    InputStream keys = new InputStream() {
      @Override
      public int read() throws IOException {
        try {
          return keyboard.take();
        } catch (InterruptedException e) {
          throw new InterruptedIOException();
        }
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        b[off] = (byte) read(); // one key at a time, as a terminal delivers them
        return 1;
      }
    };
    TerminalIo io = TerminalIo.on(ConsoleRehearsal.inMemory(keys, screen, new Size(80, 24)));
    Thread person = new Thread(() -> {
      try {
        Thread.sleep(1000);
        keyboard.add(3);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    person.start();
    assertThatThrownBy(() -> io.confirm("Apply?")).isInstanceOf(CancellationException.class);
    person.join();
  }

  @Test
  void a_choice_by_number_by_prefix_or_the_default() throws Exception {
    List<String> options = List.of("keep the change", "roll it back");
    assertThat(typing("2\r").choose("Keep or roll back?", options, 1)).isEqualTo(1);
    assertThat(shown()).contains("1) keep the change", "2) roll it back", "choice [2]:");
    assertThat(typing("keep\r").choose("?", options, 1)).isZero();
    assertThat(typing("\r").choose("?", options, 1)).isEqualTo(1);
    assertThat(typing("7\rr\r").choose("?", options, 0)).isEqualTo(1);
    assertThat(typing("budget\r").ask("Latency budget", "10s")).isEqualTo("budget");
    assertThat(typing("\r").ask("Latency budget", "10s")).isEqualTo("10s");
  }

  @Test
  void a_progress_bar_fills_and_fits_the_width() {
    assertThat(ProgressBar.render("measure", 45, 100, "p99 1.2 s", 80, false, 0))
        .startsWith("measure #").contains("  45% 45/100  p99 1.2 s");
    String full = ProgressBar.render("measure", 100, 100, "", 60, true, 0);
    assertThat(full).contains("100% 100/100").doesNotContain("░").hasSizeLessThanOrEqualTo(60);
    assertThat(ProgressBar.render("a-very-long-label-for-a-step", 1, 2, "", 20, false, 0)).hasSize(20);
    assertThat(ProgressBar.render("starts", 17, 0, "", 80, false, 1)).isEqualTo("starts / 17");
  }

  @Test
  void a_progress_bar_draws_in_place_and_ends_its_line() throws Exception {
    TerminalIo io = typing("");
    try (ProgressBar bar = io.progress("storm", 4)) {
      for (int i = 1; i <= 4; i++) {
        bar.update(i);
      }
    }
    assertThat(shown()).contains("\rstorm").endsWith("100% 4/4\n");
  }

  @Test
  void a_table_aligns_numbers_right_and_cuts_what_does_not_fit() {
    TableView t = new TableView("caller", "type", "contended", "max wait")
        .row("do_lock_mount+0x4f", "rwsem:W", 48213, "41.2 ms")
        .row("lock_mount_hash", "spinlock", 7, "1.1 ms");
    List<String> lines = t.render(80, false).stream().map(AttributedString::toString).toList();
    assertThat(lines).containsExactly(
        "caller              type      contended  max wait",
        "-------------------------------------------------",
        "do_lock_mount+0x4f  rwsem:W       48213   41.2 ms",
        "lock_mount_hash     spinlock          7    1.1 ms");
    List<String> narrow = t.render(40, false).stream().map(AttributedString::toString).toList();
    assertThat(narrow).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(40));
    assertThat(narrow.get(2)).contains("~");
  }
}
