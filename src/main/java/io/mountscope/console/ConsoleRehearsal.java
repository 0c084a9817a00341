package io.mountscope.console;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.jline.terminal.Attributes;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.terminal.impl.ExternalTerminal;

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
    JlineLog.install();
    try (Terminal probe = TerminalBuilder.builder().system(true).providers("jna,exec").dumb(true).build()) {
      probe.getSize(); // loads the providers the real console picks from
    }
    byte[] keys = "snap\t--window 0.01\rexplain mount_l\t\rhelp\r\004".getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream screen = new ByteArrayOutputStream();
    try (Terminal terminal = inMemory(keys, screen, new Size(100, 30));
        ConsoleSession session = ConsoleSession.open(terminal, null, null, () -> null)) {
      session.run();
    }
    return screen.toString(StandardCharsets.UTF_8);
  }

  /**
   * An xterm in memory that types {@code keys}. It starts in raw mode, as a real terminal is
   * while JLine reads: in cooked mode the line discipline would echo and consume the keys before
   * the reader asks for them.
   */
  static Terminal inMemory(byte[] keys, OutputStream screen, Size size) throws IOException {
    return inMemory(new Keys(keys), screen, size);
  }

  /** The same with keys from a stream (a test that types while the reader waits). */
  static Terminal inMemory(InputStream keys, OutputStream screen, Size size) throws IOException {
    Attributes raw = new Attributes();
    raw.setLocalFlag(Attributes.LocalFlag.ISIG, true);
    raw.setControlChar(Attributes.ControlChar.VINTR, 3);
    raw.setControlChar(Attributes.ControlChar.VEOF, 4); // JLine takes EOF from here
    raw.setControlChar(Attributes.ControlChar.VERASE, 127);
    raw.setControlChar(Attributes.ControlChar.VMIN, 1);
    // Built directly: given streams, TerminalBuilder would open a real pty when a native provider loads.
    return new ExternalTerminal(null, "in-memory", "xterm-256color", keys, screen, StandardCharsets.UTF_8,
        Terminal.SignalHandler.SIG_DFL, false, raw, size);
  }

  /** Gives the keys, then waits like a terminal nobody types on: at end of input JLine drops unread keys. */
  private static final class Keys extends InputStream {
    private final byte[] keys;
    private int next;

    Keys(byte[] keys) {
      this.keys = keys.clone();
    }

    @Override
    public synchronized int read() throws IOException {
      while (next >= keys.length) {
        try {
          wait();
        } catch (InterruptedException e) {
          throw new InterruptedIOException();
        }
      }
      return keys[next++] & 0xff;
    }

    @Override
    public synchronized int read(byte[] b, int off, int len) throws IOException {
      if (len == 0) {
        return 0;
      }
      b[off] = (byte) read();
      int n = 1;
      while (n < len && next < keys.length) {
        b[off + n++] = keys[next++];
      }
      return n;
    }
  }
}
