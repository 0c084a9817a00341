package io.mountscope.tui.panel;

/**
 * The characters the dashboard draws with: Unicode box drawing and block sparklines when the
 * locale is UTF-8, plain ASCII otherwise. Every non-letter glyph on screen comes from here.
 */
public record Glyphs(
    boolean unicode,
    char horizontal, char vertical, char topLeft, char topRight, char bottomLeft, char bottomRight,
    char focusHorizontal, char focusVertical, char focusTopLeft, char focusTopRight, char focusBottomLeft,
    char focusBottomRight,
    String sparkLevels, char ellipsis, char bullet, char sortDown, char sortUp, char moreBelow, String separator) {

  public static final Glyphs UNICODE = new Glyphs(true,
      '─', '│', '┌', '┐', '└', '┘',
      '═', '║', '╔', '╗', '╚', '╝',
      "▁▂▃▄▅▆▇█", '…', '●', '▼', '▲', '↓', " · ");

  public static final Glyphs ASCII = new Glyphs(false,
      '-', '|', '+', '+', '+', '+',
      '=', '#', '#', '#', '#', '#',
      "_.-=+*#@", '~', '*', 'v', '^', 'v', " | ");

  public static Glyphs of(boolean utf8) {
    return utf8 ? UNICODE : ASCII;
  }

  /** {@code text} cut to {@code width} columns, with an ellipsis where it was cut. */
  public String fit(String text, int width) {
    if (text == null || width <= 0) {
      return "";
    }
    if (text.length() <= width) {
      return text;
    }
    return width == 1 ? String.valueOf(ellipsis) : text.substring(0, width - 1) + ellipsis;
  }
}
