package io.mountscope.tui;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.graphics.TextGraphics;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import com.googlecode.lanterna.screen.Screen;
import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.DefaultTerminalFactory;
import com.googlecode.lanterna.terminal.Terminal;
import com.googlecode.lanterna.terminal.ansi.UnixLikeTerminal.CtrlCBehaviour;
import io.mountscope.cli.SnapshotLines;
import io.mountscope.model.Model;
import io.mountscope.model.Sample;
import io.mountscope.probe.Sampler;
import io.mountscope.util.InputException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The full-screen dashboard. This first version shows the snapshot summary, refreshed every
 * second; q or Ctrl-C quits and the terminal is restored on every exit path.
 */
public final class Dashboard {
  private Dashboard() {}

  /** How the dashboard was left: q (quit, or back to the console that opened it), or ':' for the console. */
  public enum Exit { QUIT, CONSOLE }

  /**
   * Runs the dashboard until q (or Ctrl-C) or ':'. {@code qReturns}: the console opened it, so q
   * goes back there (the footer says so).
   */
  public static Exit run(boolean qReturns) throws Exception {
    TerminalCaps caps = TerminalCaps.detect();
    if (!caps.tty()) {
      throw new InputException("the dashboard needs a terminal; use 'mountscope snapshot' or 'watch --json' in scripts");
    }
    DefaultTerminalFactory factory = new DefaultTerminalFactory(System.out, System.in,
        caps.utf8() ? StandardCharsets.UTF_8 : StandardCharsets.US_ASCII)
        .setUnixTerminalCtrlCBehaviour(CtrlCBehaviour.TRAP);
    Terminal terminal = factory.createTerminal();
    Screen screen = new TerminalScreen(terminal);
    Thread restore = new Thread(() -> stopQuietly(screen), "dashboard-restore");
    Runtime.getRuntime().addShutdownHook(restore);
    try {
      screen.startScreen();
      screen.setCursorPosition(null);
      return loop(screen, qReturns);
    } finally {
      stopQuietly(screen);
      try {
        terminal.close(); // gives the terminal settings back now, not at JVM exit
      } catch (Exception alreadyClosed) {
        // nothing to restore
      }
      try {
        Runtime.getRuntime().removeShutdownHook(restore);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running already
      }
    }
  }

  private static Exit loop(Screen screen, boolean qReturns) throws Exception {
    Sampler sampler = new Sampler();
    Sample previous = null;
    long nextTick = 0;
    Model model = null;
    while (true) {
      long now = System.currentTimeMillis();
      if (now >= nextTick) {
        Sample s = sampler.sample();
        model = Model.derive(s, previous);
        previous = s;
        nextTick = now + 1000;
        draw(screen, model, qReturns);
      }
      KeyStroke key = screen.pollInput();
      if (key == null) {
        Thread.sleep(20);
        continue;
      }
      if (key.getKeyType() == KeyType.EOF
          || key.getKeyType() == KeyType.Character && (key.getCharacter() == 'q' || key.isCtrlDown() && key.getCharacter() == 'c')) {
        return Exit.QUIT;
      }
      if (key.getKeyType() == KeyType.Character && key.getCharacter() == ':') {
        return Exit.CONSOLE;
      }
      if (screen.doResizeIfNecessary() != null && model != null) {
        draw(screen, model, qReturns);
      }
    }
  }

  private static void draw(Screen screen, Model model, boolean qReturns) throws Exception {
    screen.doResizeIfNecessary();
    screen.clear();
    TextGraphics g = screen.newTextGraphics();
    TerminalSize size = screen.getTerminalSize();
    g.setForegroundColor(TextColor.ANSI.CYAN);
    g.putString(0, 0, "mountscope  " + (model.host() == null ? "" : model.host().name()));
    g.setForegroundColor(TextColor.ANSI.DEFAULT);
    List<String> lines = SnapshotLines.of(model);
    for (int i = 0; i < lines.size() && i + 2 < size.getRows() - 1; i++) {
      g.putString(0, i + 2, lines.get(i));
    }
    g.putString(0, size.getRows() - 1, (qReturns ? "q back to the console" : "q quit")
        + "   : console   (panels arrive with the dashboard issue)");
    screen.refresh();
  }

  private static void stopQuietly(Screen screen) {
    try {
      screen.stopScreen();
    } catch (Exception ignored) {
      // already stopped
    }
  }
}
