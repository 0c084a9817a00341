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
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The full-screen dashboard. This first version shows the snapshot summary, refreshed every
 * second; q or Ctrl-C quits and the terminal is restored on every exit path.
 */
public final class Dashboard {
  private Dashboard() {}

  public static int open(PrintWriter out) throws Exception {
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
      loop(screen);
    } finally {
      stopQuietly(screen);
      try {
        Runtime.getRuntime().removeShutdownHook(restore);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running already
      }
    }
    return 0;
  }

  private static void loop(Screen screen) throws Exception {
    try (Sampler sampler = new Sampler()) {
      loop(screen, sampler);
    }
  }

  private static void loop(Screen screen, Sampler sampler) throws Exception {
    Sample previous = null;
    long nextTick = 0;
    Model model = null;
    while (true) {
      long now = System.currentTimeMillis();
      if (now >= nextTick) {
        Sample s = sampler.sample();
        model = io.mountscope.diagnose.Diagnosis.derive(s, previous);
        previous = s;
        nextTick = now + 1000;
        draw(screen, model);
      }
      KeyStroke key = screen.pollInput();
      if (key == null) {
        Thread.sleep(20);
        continue;
      }
      if (key.getKeyType() == KeyType.EOF
          || key.getKeyType() == KeyType.Character && (key.getCharacter() == 'q' || key.isCtrlDown() && key.getCharacter() == 'c')) {
        return;
      }
      if (screen.doResizeIfNecessary() != null && model != null) {
        draw(screen, model);
      }
    }
  }

  private static void draw(Screen screen, Model model) throws Exception {
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
    g.putString(0, size.getRows() - 1, "q quit   (panels arrive with the dashboard issue)");
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
