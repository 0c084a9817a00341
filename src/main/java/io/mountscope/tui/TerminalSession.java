package io.mountscope.tui;

import io.mountscope.kernel.LibC;
import io.mountscope.util.InputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Owns the real terminal while the dashboard has it: raw mode, the alternate screen, resize
 * signals. {@link #close()} gives everything back exactly as it was, and runs on every way out:
 * q, Ctrl-C, an exception (the caller's try-with-resources) and SIGTERM/SIGHUP (a shutdown hook).
 */
final class TerminalSession implements AutoCloseable {
  private final PosixTerminal terminal;
  private final CellScreen screen;
  private final TerminalCaps caps;
  private final Thread hook;
  private boolean closed;

  private TerminalSession(PosixTerminal terminal, CellScreen screen, TerminalCaps caps) {
    this.terminal = terminal;
    this.screen = screen;
    this.caps = caps;
    this.hook = new Thread(this::close, "dashboard-restore-terminal");
  }

  /** Takes over the terminal; fails with a one-line message when there is none. */
  static TerminalSession open(TerminalCaps caps, Theme theme) throws IOException {
    if (LibC.isatty(0) != 1 || LibC.isatty(1) != 1) {
      throw new InputException("the dashboard needs a terminal; use 'mountscope snapshot' or 'watch --json' in scripts");
    }
    PosixTerminal terminal = PosixTerminal.open(caps.utf8() ? StandardCharsets.UTF_8 : StandardCharsets.US_ASCII);
    TerminalSession session = new TerminalSession(terminal, new CellScreen(terminal, theme), caps);
    Runtime.getRuntime().addShutdownHook(session.hook);
    try {
      terminal.enterRawMode();
      terminal.watchResizes();
      session.screen.start();
    } catch (IOException | RuntimeException e) {
      session.close();
      throw e;
    }
    return session;
  }

  PosixTerminal terminal() {
    return terminal;
  }

  CellScreen screen() {
    return screen;
  }

  /**
   * Leaves the alternate screen and restores the tty settings (idempotent). Stopping the screen
   * waits for a frame being written to finish, and later frames are dropped, so a SIGTERM during
   * a refresh cannot leave half a frame on the user's shell.
   */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    boolean exiting = Thread.currentThread() == hook;
    if (!exiting) {
      // On SIGTERM the JVM is going down with 143: stopping input would end the run early with 0.
      terminal.stopInput();
    }
    try {
      screen.stop();
      if (caps.term().startsWith("linux")) {
        // The Linux console has no alternate screen: clear what the dashboard drew.
        terminal.clearScreen();
        terminal.setCursorPosition(0, 0);
      }
      terminal.flush();
    } catch (IOException | RuntimeException ignored) {
      // the terminal may be gone (SSH dropped); the settings below still matter if it is not
    }
    terminal.restoreSettings();
    if (!exiting) {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the JVM is exiting and the hook has run or will find us closed
      }
    }
  }
}
