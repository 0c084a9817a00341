package io.mountscope.console;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * The console's start-up path without a terminal, for the class-data-sharing archive that
 * install.sh records ({@code cds-training}): a session on an in-memory xterm that completes a
 * word, explains a topic and quits with Ctrl-D, plus the system-terminal lookup. Touches no
 * history file and no terminal.
 */
public final class ConsoleRehearsal {
  private ConsoleRehearsal() {}

  /** Runs the rehearsal; returns what the console printed. */
  public static String run() throws IOException {
    try (Terminal probe = TerminalBuilder.builder().system(true).providers("jna,exec").dumb(true).build()) {
      probe.getSize(); // loads the providers the real console picks from
    }
    byte[] keys = "snap\t--window 0.01\rexplain mount_l\t\rhelp\r\004".getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream screen = new ByteArrayOutputStream();
    try (Terminal terminal = TerminalBuilder.builder().name("rehearsal").type("xterm-256color")
        .encoding(StandardCharsets.UTF_8).streams(new ByteArrayInputStream(keys), screen).size(new Size(100, 30)).build();
        ConsoleSession session = ConsoleSession.open(terminal, null, null)) {
      session.run();
    }
    return screen.toString(StandardCharsets.UTF_8);
  }
}
