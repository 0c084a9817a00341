package io.mountscope.tui;

import static org.assertj.core.api.Assertions.assertThat;

import io.mountscope.testing.Launcher;
import io.mountscope.testing.Prerequisites;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The colour count read from terminfo files agrees with ncurses' own tput, for the TERMs people have over SSH. */
class TerminfoTest {
  @Test
  void colours_agree_with_tput_for_xterm_screen_tmux_and_the_linux_console() throws Exception {
    Prerequisites.command("tput", "ncurses-bin");
    for (String term : List.of("xterm", "xterm-256color", "screen", "screen-256color", "tmux", "tmux-256color", "linux",
        "vt100")) {
      Launcher.Result tput = Launcher.exec(List.of("tput", "-T", term, "colors"), Map.of(), 10);
      int expected = tput.exitCode() == 0 ? Integer.parseInt(tput.out().trim()) : -1;
      assertThat(Terminfo.colors(term, System.getenv())).as("TERM=%s", term).isEqualTo(expected);
    }
    assertThat(TerminalCaps.terminfoColors("no-such-terminal-256color", Map.of())).isEqualTo(256);
    assertThat(TerminalCaps.terminfoColors("dumb", Map.of())).isZero();
  }
}
