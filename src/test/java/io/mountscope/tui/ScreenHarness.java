package io.mountscope.tui;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.TextCharacter;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import com.googlecode.lanterna.terminal.virtual.DefaultVirtualTerminal;
import io.mountscope.model.Model;
import io.mountscope.tui.panel.Glyphs;
import io.mountscope.tui.panel.History;
import io.mountscope.tui.panel.Panel;
import java.io.IOException;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The dashboard's own loop on Lanterna's virtual terminal, driven step by step: models in, keys
 * in, frames painted, and the screen read back as the terminal shows it (after Lanterna's diff).
 */
final class ScreenHarness {
  final DefaultVirtualTerminal terminal;
  final CellScreen screen;
  final DashboardLoop loop;
  final ModelSource source;
  long now = 1_000_000_000L;

  ScreenHarness(int cols, int rows, boolean utf8, Theme.Depth depth, ModelSource source, DashboardOptions options)
      throws IOException {
    this.terminal = new DefaultVirtualTerminal(new TerminalSize(cols, rows));
    this.screen = new CellScreen(terminal, new Theme(depth));
    this.source = source;
    screen.start();
    loop = new DashboardLoop(source, options, new History(), new ViewState(), Panel.all(), Glyphs.of(utf8));
    loop.started(now);
  }

  static ScreenHarness of(int cols, int rows, boolean utf8, List<Model> models) throws IOException {
    return new ScreenHarness(cols, rows, utf8, Theme.Depth.INDEXED, new ListSource(models, true), options(false));
  }

  static DashboardOptions options(boolean fromConsole) {
    return new DashboardOptions(fromConsole, true, Path.of("/nonexistent/recipes"), ZoneOffset.UTC);
  }

  /** Hands every model to the loop, one second apart, and paints. */
  ScreenHarness feedAll() throws IOException {
    for (Model m : ((ListSource) source).models) {
      now += 1_000_000_000L;
      loop.update(new ModelSource.Update(false, List.of(m)), now);
    }
    loop.paint(screen, now);
    return this;
  }

  /** Takes what the source has now (a replay: what its clock released) and paints. */
  ScreenHarness pollSource() throws IOException {
    loop.update(source.poll(now), now);
    loop.paint(screen, now);
    return this;
  }

  ExitReason press(KeyStroke... keys) throws IOException {
    ExitReason r = null;
    for (KeyStroke k : keys) {
      r = loop.key(k, now);
      if (r != null) {
        return r;
      }
      loop.paint(screen, now);
    }
    return r;
  }

  ExitReason type(String chars) throws IOException {
    ExitReason r = null;
    for (char c : chars.toCharArray()) {
      r = press(new KeyStroke(c, false, false));
      if (r != null) {
        return r;
      }
    }
    return r;
  }

  static KeyStroke key(KeyType t) {
    return new KeyStroke(t);
  }

  /** The terminal's visible text, rows joined by newlines, trailing blanks kept. */
  String text() {
    return text(terminal);
  }

  /** A virtual terminal's visible text, rows joined by newlines, trailing blanks kept. */
  static String text(com.googlecode.lanterna.terminal.virtual.VirtualTerminal terminal) {
    StringBuilder b = new StringBuilder();
    TerminalSize size = terminal.getTerminalSize();
    for (int y = 0; y < size.getRows(); y++) {
      for (int x = 0; x < size.getColumns(); x++) {
        b.append(terminal.getCharacter(x, y).getCharacterString());
      }
      b.append('\n');
    }
    return b.toString();
  }

  TextCharacter cellAt(String text) {
    String[] rows = text().split("\n");
    for (int y = 0; y < rows.length; y++) {
      int x = rows[y].indexOf(text);
      if (x >= 0) {
        return terminal.getCharacter(x, y);
      }
    }
    throw new AssertionError("'" + text + "' not on screen:\n" + text());
  }

  /** A source that hands over a fixed list (the harness feeds it directly). */
  static class ListSource implements ModelSource {
    final List<Model> models;
    final boolean live;

    ListSource(List<Model> models, boolean live) {
      this.models = models;
      this.live = live;
    }

    @Override
    public void start(Runnable wakeUp) {}

    @Override
    public Update poll(long nowNanos) {
      return Update.NONE;
    }

    @Override
    public long nanosUntilNext(long nowNanos) {
      return Long.MAX_VALUE;
    }

    @Override
    public boolean live() {
      return live;
    }

    @Override
    public String label() {
      return live ? "every 1s" : "replay storm.jsonl";
    }

    @Override
    public java.time.Duration interval() {
      return java.time.Duration.ofSeconds(1);
    }

    @Override
    public Playback playback() {
      return null;
    }
  }
}
