package io.mountscope.tui;

import com.googlecode.lanterna.TerminalTextUtils;
import io.mountscope.tui.panel.Glyphs;
import io.mountscope.tui.panel.Line;
import io.mountscope.tui.panel.Span;
import io.mountscope.tui.panel.Style;

/**
 * Draws into the CellScreen's back buffer, clipped to the screen. Every cell of a frame is written
 * (blanks too), so the screen never needs clearing and the diff sends only what changed.
 * Text from the node (process names, image names) is made safe: control characters, wide
 * characters, and anything non-ASCII on an ASCII terminal become '?'.
 */
final class Canvas {
  private final CellScreen screen;
  private final Glyphs glyphs;
  private final int cols;
  private final int rows;

  Canvas(CellScreen screen, Glyphs glyphs) {
    this.screen = screen;
    this.glyphs = glyphs;
    this.cols = screen.cols();
    this.rows = screen.rows();
  }

  int cols() {
    return cols;
  }

  int rows() {
    return rows;
  }

  Glyphs glyphs() {
    return glyphs;
  }

  void put(int x, int y, char c, Style s) {
    if (x >= 0 && y >= 0 && x < cols && y < rows) {
      screen.set(x, y, safe(c), s);
    }
  }

  void fill(Rect r, Style s) {
    for (int y = r.y(); y < r.bottom(); y++) {
      for (int x = r.x(); x < r.right(); x++) {
        put(x, y, ' ', s);
      }
    }
  }

  /** Writes {@code text} from column x, at most {@code max} columns; returns the column after it. */
  int text(int x, int y, int max, String text, Style s) {
    int n = Math.min(max, text.length());
    for (int i = 0; i < n; i++) {
      put(x + i, y, text.charAt(i), s);
    }
    return x + n;
  }

  /** A whole line of {@code width} columns: the spans, cut with an ellipsis, then blanks in {@code fill}. */
  void line(int x, int y, int width, Line line, Style fill) {
    int col = x;
    int end = x + width;
    boolean cut = line.length() > width;
    for (Span span : line.spans()) {
      String t = span.text();
      for (int i = 0; i < t.length() && col < end; i++, col++) {
        put(col, y, cut && col == end - 1 ? glyphs.ellipsis() : t.charAt(i), span.style());
      }
    }
    while (col < end) {
      put(col++, y, ' ', fill);
    }
  }

  /** A frame around {@code r} with a title on the top edge; double lines when focused. */
  void box(Rect r, String title, boolean focused, String bottomNote) {
    if (r.w() < 2 || r.h() < 2) {
      return;
    }
    Glyphs g = glyphs;
    Style b = focused ? Style.BORDER_FOCUSED : Style.BORDER;
    char h = focused ? g.focusHorizontal() : g.horizontal();
    char v = focused ? g.focusVertical() : g.vertical();
    put(r.x(), r.y(), focused ? g.focusTopLeft() : g.topLeft(), b);
    put(r.right() - 1, r.y(), focused ? g.focusTopRight() : g.topRight(), b);
    put(r.x(), r.bottom() - 1, focused ? g.focusBottomLeft() : g.bottomLeft(), b);
    put(r.right() - 1, r.bottom() - 1, focused ? g.focusBottomRight() : g.bottomRight(), b);
    for (int x = r.x() + 1; x < r.right() - 1; x++) {
      put(x, r.y(), h, b);
      put(x, r.bottom() - 1, h, b);
    }
    for (int y = r.y() + 1; y < r.bottom() - 1; y++) {
      put(r.x(), y, v, b);
      put(r.right() - 1, y, v, b);
    }
    String t = g.fit(" " + title + " ", r.w() - 4);
    text(r.x() + 2, r.y(), t.length(), t, focused ? Style.TITLE_FOCUSED : Style.TITLE);
    if (bottomNote != null && !bottomNote.isEmpty()) {
      String n = g.fit(" " + bottomNote + " ", r.w() - 4);
      text(r.right() - 2 - n.length(), r.bottom() - 1, n.length(), n, b);
    }
  }

  private char safe(char c) {
    if (c >= 0x20 && c < 0x7f) {
      return c;
    }
    if (c < 0x20 || c == 0x7f || c < 0xa0) {
      return '?';
    }
    if (!glyphs.unicode()) {
      return c > 0x7e ? '?' : c;
    }
    return narrow(c) ? c : '?';
  }

  /** Lanterna's width test looks up the Unicode block; a frame repeats a few dozen distinct characters (UI thread only). */
  private static final java.util.BitSet KNOWN = new java.util.BitSet(1 << 16);
  private static final java.util.BitSet NARROW = new java.util.BitSet(1 << 16);

  private static boolean narrow(char c) {
    if (!KNOWN.get(c)) {
      NARROW.set(c, !TerminalTextUtils.isCharDoubleWidth(c) && !Character.isSurrogate(c));
      KNOWN.set(c);
    }
    return NARROW.get(c);
  }
}
