package io.mountscope.tui.panel;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * A table inside a panel: columns sized to the width (the one flexible column takes what is left;
 * columns that do not fit are dropped from the right), rows filtered and sorted by a TableState.
 */
public final class TableView<R> {
  private final List<Column<R>> columns;

  /**
   * A column: header, width (0 = the flexible one), right-aligned numbers, the cell text, the
   * order it sorts by (null: not sortable) and the cell's style.
   */
  public record Column<R>(String name, int width, boolean right, Function<R, String> text, Comparator<R> order,
      Function<R, Style> style) {

    /** A flexible text column (names, images, symbols), sortable alphabetically. */
    public static <R> Column<R> text(String name, Function<R, String> text) {
      return new Column<>(name, 0, false, text, Comparator.comparing(text), r -> Style.NORMAL);
    }

    /** A fixed-width left-aligned column that does not sort. */
    public static <R> Column<R> label(String name, int width, Function<R, String> text) {
      return new Column<>(name, width, false, text, null, r -> Style.NORMAL);
    }

    /** A right-aligned numeric column; sorts biggest first. */
    public static <R> Column<R> number(String name, int width, Function<R, String> text, Comparator<R> order) {
      return new Column<>(name, width, true, text, order.reversed(), r -> Style.NORMAL);
    }

    public Column<R> styled(Function<R, Style> s) {
      return new Column<>(name, width, right, text, order, s);
    }
  }

  @SafeVarargs
  public TableView(Column<R>... columns) {
    this.columns = List.of(columns);
  }

  /** Names of the sortable columns, in the order 's' cycles through them. */
  public List<String> sortNames() {
    return sortable().stream().map(Column::name).toList();
  }

  /** The rows that pass the filter, in the chosen order when {@code sort} (the panel's main table). */
  public List<R> apply(List<R> rows, TableState st, boolean sort) {
    List<R> out = new ArrayList<>();
    for (R r : rows) {
      if (st.filter().isEmpty() || st.matches(joined(r))) {
        out.add(r);
      }
    }
    List<Column<R>> sortable = sortable();
    if (!sort) {
      return out;
    }
    if (st.sortColumn() >= 0 && st.sortColumn() < sortable.size()) {
      Comparator<R> c = sortable.get(st.sortColumn()).order();
      out.sort(st.reversed() ? c.reversed() : c);
    } else if (st.reversed()) {
      java.util.Collections.reverse(out);
    }
    return out;
  }

  /**
   * At most {@code maxRows} lines: the header (unless {@code header} is false, for small panels)
   * and rows; when rows are left over and there is room, the last line says how many.
   * {@code primary}: the panel's main table, which 's' sorts (others are only filtered).
   */
  public List<Line> render(List<R> rows, int width, int maxRows, TableState st, Glyphs g, boolean primary,
      boolean header) {
    List<Line> lines = new ArrayList<>();
    if (maxRows <= 0 || width <= 0) {
      return lines;
    }
    List<R> shown = apply(rows, st, primary);
    int[] w = widths(width);
    List<Column<R>> sortable = sortable();
    Column<R> sorted = primary && st.sortColumn() >= 0 && st.sortColumn() < sortable.size()
        ? sortable.get(st.sortColumn()) : null;
    Line head = new Line();
    for (int i = 0; i < columns.size(); i++) {
      if (w[i] <= 0) {
        continue;
      }
      Column<R> c = columns.get(i);
      String name = c == sorted ? c.name() + (st.reversed() ? g.sortUp() : g.sortDown()) : c.name();
      cell(head, name, w[i], c.right(), Style.TABLE_HEAD, g, i == 0);
    }
    if (header) {
      lines.add(head);
    }
    int room = header ? maxRows - 1 : maxRows;
    boolean sayMore = shown.size() > room && (header || room >= 3);
    int rowsShown = Math.min(shown.size(), sayMore ? room - 1 : room);
    for (int r = 0; r < rowsShown; r++) {
      R row = shown.get(r);
      Line l = new Line();
      for (int i = 0; i < columns.size(); i++) {
        if (w[i] > 0) {
          Column<R> c = columns.get(i);
          cell(l, c.text().apply(row), w[i], c.right(), c.style().apply(row), g, i == 0);
        }
      }
      lines.add(l);
    }
    if (sayMore && room > 0) {
      lines.add(Line.of("+" + (shown.size() - rowsShown) + " more", Style.DIM));
    }
    if (shown.isEmpty()) {
      lines.add(Line.of(rows.isEmpty() ? "(none)" : "(none match /" + st.filter() + ")", Style.DIM));
    }
    return lines;
  }

  private List<Column<R>> sortable() {
    return columns.stream().filter(c -> c.order() != null).toList();
  }

  private String joined(R r) {
    StringBuilder b = new StringBuilder();
    columns.forEach(c -> b.append(c.text().apply(r)).append('\t'));
    return b.toString();
  }

  /** Column widths for the total width; 0 means dropped. Columns are separated by one space. */
  private int[] widths(int width) {
    int n = columns.size();
    int[] w = new int[n];
    int flex = -1;
    for (int i = 0; i < n; i++) {
      Column<R> c = columns.get(i);
      if (c.width() == 0 && flex < 0) {
        flex = i;
      } else {
        w[i] = Math.max(c.width(), c.name().length() + 1);
      }
    }
    // The flexible column (names, images, symbols) is what identifies a row: keep a useful width.
    int minFlex = flex < 0 ? 0 : Math.max(6, Math.min(16, width / 3));
    for (int last = n - 1; last >= 0; last--) {
      int used = 0;
      int count = 0;
      for (int i = 0; i < n; i++) {
        if (i != flex && w[i] > 0) {
          used += w[i];
          count++;
        }
      }
      int gaps = count + (flex >= 0 ? 1 : 0) - 1;
      int left = width - used - Math.max(0, gaps);
      if (flex < 0 ? left >= 0 : left >= minFlex) {
        if (flex >= 0) {
          w[flex] = left;
        }
        return w;
      }
      if (last != flex) {
        w[last] = 0;
      }
    }
    if (flex >= 0) {
      w[flex] = width;
    }
    return w;
  }

  private static void cell(Line l, String text, int width, boolean right, Style style, Glyphs g, boolean first) {
    if (!first) {
      l.add(" ");
    }
    String t = g.fit(text == null ? "" : text, width);
    String pad = " ".repeat(width - t.length());
    l.add(right ? pad + t : t + pad, style);
  }
}
