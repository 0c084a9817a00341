package io.mountscope.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.jline.utils.AttributedString;
import org.junit.jupiter.api.Test;

/** The CDS rehearsal is a real console session: it completes, runs commands and quits on Ctrl-D. */
class ConsoleRehearsalTest {
  @Test
  void the_rehearsal_completes_a_command_runs_explain_and_quits() throws Exception {
    String screen = AttributedString.stripAnsi(ConsoleRehearsal.run());
    assertThat(screen).contains("snapshot --window 0.01", "mounts ", "mount_lock  (kernel symbol, family mount-lock)",
        "Commands (each has --help");
  }
}
