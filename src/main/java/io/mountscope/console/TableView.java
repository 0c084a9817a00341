package io.mountscope.console;

import java.util.ArrayList;
import java.util.List;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

/**
 * A table for the console's terminal: a bold header, a rule, columns sized to their contents;
 * columns whose cells are all numbers (with units or %) are right-aligned. When the table is
 * wider than the terminal, the widest columns are cut, with "…" (or "~") marking what was cut.
 */
public final class TableView {
  private static final int MIN_COLUMN = 4;
  private final String[] header;
  private final List<String[]> rows = new ArrayList<>();

  public TableView(String... header) {
    this.header = header.clone();
  }

  /** Adds a row; missing cells are empty, extra cells are an error. */
  public TableView row(Object... cells) {
    if (cells.length > header.length) {
      throw new IllegalArgumentException("row of " + cells.length + " cells for " + header.length + " columns");
    }
    String[] r = new String[header.length];
    for (int i = 0; i < r.length; i++) {
      r[i] = i < cells.length && cells[i] != null ? String.valueOf(cells[i]) : "";
    }
    rows.add(r);
    return this;
  }

  /** The table as lines no wider than {@code width}. */
  public List<AttributedString> render(int width, boolean unicode) {
    int n = header.length;
    int[] w = new int[n];
    boolean[] numeric = new boolean[n];
    for (int i = 0; i < n; i++) {
      w[i] = header[i].length();
      numeric[i] = !rows.isEmpty();
      for (String[] r : rows) {
        w[i] = Math.max(w[i], r[i].length());
        numeric[i] &= r[i].isEmpty() || r[i].matches("[-+~<>]?[0-9][0-9.,]*\\s?[%a-zA-Z/]*");
      }
    }
    shrink(w, width - 2 * (n - 1));
    List<AttributedString> out = new ArrayList<>();
    out.add(line(header, w, numeric, unicode, AttributedStyle.BOLD));
    int total = 0;
    for (int x : w) {
      total += x;
    }
    out.add(new AttributedString((unicode ? "─" : "-").repeat(total + 2 * (n - 1))));
    for (String[] r : rows) {
      out.add(line(r, w, numeric, unicode, AttributedStyle.DEFAULT));
    }
    return out;
  }

  /** Cuts the widest column by one until the table fits (or every column is at its minimum). */
  private static void shrink(int[] w, int room) {
    while (true) {
      int total = 0;
      int widest = 0;
      for (int i = 0; i < w.length; i++) {
        total += w[i];
        if (w[i] > w[widest]) {
          widest = i;
        }
      }
      if (total <= room || w[widest] <= MIN_COLUMN) {
        return;
      }
      w[widest]--;
    }
  }

  private static AttributedString line(String[] cells, int[] w, boolean[] numeric, boolean unicode, AttributedStyle style) {
    AttributedStringBuilder b = new AttributedStringBuilder().style(style);
    for (int i = 0; i < cells.length; i++) {
      String c = cells[i];
      if (c.length() > w[i]) {
        c = c.substring(0, w[i] - 1) + (unicode ? "…" : "~");
      }
      String pad = " ".repeat(w[i] - c.length());
      if (i > 0) {
        b.append("  ");
      }
      b.append(numeric[i] ? pad + c : i == cells.length - 1 ? c : c + pad);
    }
    return b.toAttributedString();
  }
}
