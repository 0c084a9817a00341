package io.mountscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mountscope.testing.Launcher;
import io.mountscope.testing.Tmux;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The dashboard in a real terminal: it shows the node and gives the terminal back intact. */
class DashboardIT {
  private static String stty(String tty) throws Exception {
    return Launcher.exec(List.of("sh", "-c", "stty -a < " + tty), Map.of(), 10).out();
  }

  @Test
  void opens_full_screen_shows_the_host_and_q_restores_the_terminal() throws Exception {
    String host = Launcher.exec(List.of("uname", "-n"), Map.of(), 10).out().trim();
    try (Tmux t = Tmux.start(80, 24, "xterm-256color", "sleep 1; " + Launcher.executable())) {
      String tty = t.paneTty();
      String before = stty(tty);
      t.awaitText("mountscope  " + host, 30);
      t.awaitText("q quit", 10); // the footer may be drawn a moment after the header
      assertThat(stty(tty)).as("raw mode while open").isNotEqualTo(before);
      t.send("q");
      t.awaitText("[exited 0]", 15);
      assertThat(stty(tty)).isEqualTo(before);
    }
  }
}
