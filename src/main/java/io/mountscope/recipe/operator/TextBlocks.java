package io.mountscope.recipe.operator;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Tables and bar charts as lines of plain text, for terminals, scripted output and the dashboard panel. */
public final class TextBlocks {
  private static final int MAX_BAR = 40;

  private TextBlocks() {}

  public static List<String> table(Table t) {
    int cols = t.headers().size();
    int[] w = new int[cols];
    boolean[] numeric = new boolean[cols];
    for (int c = 0; c < cols; c++) {
      w[c] = t.headers().get(c).length();
      numeric[c] = c > 0;
      for (List<String> row : t.rows()) {
        String cell = c < row.size() ? row.get(c) : "";
        w[c] = Math.max(w[c], cell.length());
        numeric[c] &= cell.isEmpty() || looksNumeric(cell);
      }
    }
    List<String> out = new ArrayList<>();
    if (t.title() != null && !t.title().isEmpty()) {
      out.add(t.title());
    }
    out.add(row(t.headers(), w, numeric));
    StringBuilder rule = new StringBuilder();
    for (int c = 0; c < cols; c++) {
      rule.append(c == 0 ? "" : "  ").append("-".repeat(w[c]));
    }
    out.add(rule.toString());
    for (List<String> r : t.rows()) {
      out.add(row(r, w, numeric));
    }
    return out;
  }

  private static String row(List<String> cells, int[] w, boolean[] numeric) {
    StringBuilder b = new StringBuilder();
    for (int c = 0; c < w.length; c++) {
      String cell = c < cells.size() ? cells.get(c) : "";
      if (c > 0) {
        b.append("  ");
      }
      String pad = " ".repeat(w[c] - cell.length());
      b.append(numeric[c] ? pad + cell : cell + pad);
    }
    return b.toString().stripTrailing();
  }

  static boolean looksNumeric(String cell) {
    return cell.matches("[-+<>~]?\\s?[0-9][0-9.,]*\\s?(x|%|ms|s|/s|k)?(\\s.*)?") || cell.equals("-");
  }

  /** Bars scaled to the largest value, at most {@code width} columns in all; {@code unicode} draws solid blocks. */
  public static List<String> chart(BarChart c, int width, boolean unicode) {
    List<String> out = new ArrayList<>();
    if (c.title() != null && !c.title().isEmpty()) {
      out.add(c.title());
    }
    int label = c.bars().stream().mapToInt(b -> b.label().length()).max().orElse(0);
    double max = c.bars().stream().mapToDouble(BarChart.Bar::value).max().orElse(0);
    List<String> values = c.bars().stream().map(b -> number(b.value()) + (c.unit().isEmpty() ? "" : " " + c.unit())).toList();
    int valueWidth = values.stream().mapToInt(String::length).max().orElse(0);
    int room = Math.max(5, Math.min(MAX_BAR, width - label - valueWidth - 4));
    for (int i = 0; i < c.bars().size(); i++) {
      BarChart.Bar b = c.bars().get(i);
      int n = max <= 0 ? 0 : (int) Math.round(b.value() / max * room);
      if (n == 0 && b.value() > 0) {
        n = 1;
      }
      String bar = (unicode ? "\u2588" : "#").repeat(n) + " ".repeat(room - n);
      String v = " ".repeat(valueWidth - values.get(i).length()) + values.get(i);
      out.add((pad(b.label(), label) + "  " + bar + "  " + v + (b.note() == null || b.note().isEmpty() ? "" : "  " + b.note()))
          .stripTrailing());
    }
    return out;
  }

  /** Three significant digits for small numbers, thousands separators for large ones. */
  public static String number(double v) {
    if (Double.isNaN(v)) {
      return "-";
    }
    double a = Math.abs(v);
    if (a >= 1000) {
      return String.format(Locale.US, "%,.0f", v);
    }
    if (a >= 100) {
      return String.format(Locale.US, "%.1f", v);
    }
    if (a >= 10) {
      return String.format(Locale.US, "%.2f", v);
    }
    return String.format(Locale.US, "%.3f", v);
  }

  private static String pad(String s, int w) {
    return s + " ".repeat(Math.max(0, w - s.length()));
  }
}
