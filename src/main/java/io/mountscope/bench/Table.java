package io.mountscope.bench;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** A plain-text table with columns sized to their contents, for benchmark reports. */
public final class Table {
  private final List<String[]> rows = new ArrayList<>();

  public Table(String... header) {
    rows.add(header);
  }

  public Table row(Object... cells) {
    String[] r = new String[cells.length];
    for (int i = 0; i < cells.length; i++) {
      r[i] = String.valueOf(cells[i]);
    }
    rows.add(r);
    return this;
  }

  public void print(PrintWriter out) {
    int cols = rows.stream().mapToInt(r -> r.length).max().orElse(0);
    int[] width = new int[cols];
    for (String[] r : rows) {
      for (int i = 0; i < r.length; i++) {
        width[i] = Math.max(width[i], r[i].length());
      }
    }
    for (int n = 0; n < rows.size(); n++) {
      String[] r = rows.get(n);
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < r.length; i++) {
        b.append(i == 0 ? String.format(java.util.Locale.US, "%-" + width[i] + "s", r[i]) : String.format(java.util.Locale.US, "  %" + width[i] + "s", r[i]));
      }
      out.println(b.toString().stripTrailing());
      if (n == 0) {
        out.println("-".repeat(b.length()));
      }
    }
    out.flush();
  }
}
