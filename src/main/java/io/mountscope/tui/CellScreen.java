package io.mountscope.tui;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.terminal.Terminal;
import com.googlecode.lanterna.terminal.TerminalResizeListener;
import io.mountscope.tui.panel.Style;
import java.io.IOException;
import java.util.Arrays;

/**
 * The dashboard's screen: a back buffer the frame is painted into and a copy of what the terminal
 * shows; {@link #flush} sends only the cells that differ, with a cursor move where a run of
 * changes starts and colours only where the style changes. Cells are a char and a Style (the
 * Canvas keeps them one column wide), so comparing a frame is comparing two arrays; Lanterna's
 * own Screen looks up each cell's Unicode block on every refresh, which cost more CPU than the
 * whole dashboard is allowed. Lanterna still does the terminal: escape sequences and keys.
 */
final class CellScreen {
  private static final char UNKNOWN = 0;
  private final Terminal terminal;
  private final Theme theme;
  private final TerminalResizeListener onResize;
  private volatile TerminalSize pendingSize;
  private int cols;
  private int rows;
  private char[] back = new char[0];
  private byte[] backStyle = new byte[0];
  private char[] front = new char[0];
  private byte[] frontStyle = new byte[0];
  private boolean started;
  private boolean fullRedraw = true;

  CellScreen(Terminal terminal, Theme theme) {
    this.terminal = terminal;
    this.theme = theme;
    this.onResize = (t, size) -> pendingSize = size;
  }

  /** Takes the alternate screen, hides the cursor and reads the size. */
  synchronized void start() throws IOException {
    if (started) {
      return;
    }
    terminal.addResizeListener(onResize);
    terminal.enterPrivateMode();
    terminal.setCursorVisible(false);
    resize(terminal.getTerminalSize());
    started = true;
  }

  /** Gives the normal screen back with the cursor shown; later flushes do nothing (idempotent). */
  synchronized void stop() throws IOException {
    if (!started) {
      return;
    }
    started = false;
    terminal.removeResizeListener(onResize);
    terminal.resetColorAndSGR();
    terminal.setCursorVisible(true);
    terminal.exitPrivateMode();
    terminal.flush();
  }

  /** Applies a resize the terminal reported; true when the size changed (the next flush repaints all). */
  synchronized boolean resizeIfNeeded() {
    TerminalSize s = pendingSize;
    pendingSize = null;
    if (s == null || s.getColumns() == cols && s.getRows() == rows) {
      return false;
    }
    resize(s);
    return true;
  }

  private void resize(TerminalSize s) {
    cols = s.getColumns();
    rows = s.getRows();
    back = new char[cols * rows];
    backStyle = new byte[cols * rows];
    Arrays.fill(back, ' ');
    front = new char[cols * rows];
    frontStyle = new byte[cols * rows];
    fullRedraw = true;
  }

  int cols() {
    return cols;
  }

  int rows() {
    return rows;
  }

  /** Next flush repaints every cell (Ctrl-L, or after something else wrote to the terminal). */
  synchronized void invalidate() {
    fullRedraw = true;
  }

  void set(int x, int y, char c, Style s) {
    if (x >= 0 && y >= 0 && x < cols && y < rows) {
      int i = y * cols + x;
      back[i] = c;
      backStyle[i] = (byte) s.ordinal();
    }
  }

  /** The character painted at a cell of the back buffer, for tests. */
  char charAt(int x, int y) {
    return back[y * cols + x];
  }

  /** Sends what differs from what the terminal shows; returns how many cells were written. */
  synchronized int flush() throws IOException {
    if (!started) {
      return 0;
    }
    if (fullRedraw) {
      terminal.resetColorAndSGR();
      terminal.clearScreen();
      Arrays.fill(front, UNKNOWN);
      fullRedraw = false;
    }
    Style[] styles = Style.values();
    int current = -1;
    int cursor = -1;
    int written = 0;
    for (int i = 0; i < back.length; i++) {
      if (back[i] == front[i] && backStyle[i] == frontStyle[i]) {
        continue;
      }
      if (cursor != i) {
        terminal.setCursorPosition(i % cols, i / cols);
      }
      if (backStyle[i] != current) {
        current = backStyle[i];
        apply(styles[current]);
      }
      terminal.putCharacter(back[i]);
      front[i] = back[i];
      frontStyle[i] = backStyle[i];
      written++;
      // The last column may or may not wrap the cursor; move explicitly after it.
      cursor = (i + 1) % cols == 0 ? -1 : i + 1;
    }
    if (written > 0) {
      terminal.resetColorAndSGR();
    }
    terminal.flush();
    return written;
  }

  private void apply(Style s) throws IOException {
    terminal.resetColorAndSGR();
    for (SGR sgr : theme.sgr(s)) {
      terminal.enableSGR(sgr);
    }
    if (theme.foreground(s) != null) {
      terminal.setForegroundColor(theme.foreground(s));
    }
    if (theme.background(s) != null) {
      terminal.setBackgroundColor(theme.background(s));
    }
  }
}
