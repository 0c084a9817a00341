package io.mountscope.tui.panel;

import java.util.ArrayList;
import java.util.List;

/** Word wrapping for zoomed panels, where long reasons and evidence are shown in full. */
public final class Wrap {
  private Wrap() {}

  /** {@code text} broken at spaces into lines of at most {@code width}, continuation lines indented. */
  public static List<Line> lines(String prefix, String text, int width, Style style) {
    List<Line> out = new ArrayList<>();
    String indent = " ".repeat(Math.min(prefix.length(), Math.max(0, width / 2)));
    StringBuilder cur = new StringBuilder(prefix);
    for (String word : text.split(" ")) {
      if (cur.length() > indent.length() && cur.length() + 1 + word.length() > width && !cur.toString().isBlank()) {
        out.add(Line.of(cur.toString(), style));
        cur = new StringBuilder(indent);
      }
      if (cur.length() > 0 && cur.charAt(cur.length() - 1) != ' ') {
        cur.append(' ');
      }
      cur.append(word);
    }
    if (!cur.toString().isBlank()) {
      out.add(Line.of(cur.toString(), style));
    }
    return out;
  }
}
