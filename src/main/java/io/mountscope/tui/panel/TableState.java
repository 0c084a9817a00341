package io.mountscope.tui.panel;

import java.util.Locale;

/** What the user did to a panel's tables: the filter text, the sort column and direction, the scroll. */
public final class TableState {
  private String filter = "";
  private int sortColumn = -1;
  private boolean reversed;
  private int scroll;

  public String filter() {
    return filter;
  }

  public void filter(String text) {
    filter = text == null ? "" : text;
    scroll = 0;
  }

  /** True when {@code text} passes the filter (case-insensitive substring). */
  public boolean matches(String text) {
    return filter.isEmpty() || text.toLowerCase(Locale.ROOT).contains(filter.toLowerCase(Locale.ROOT));
  }

  /** Index into the table's sortable columns, -1 for the panel's own order. */
  public int sortColumn() {
    return sortColumn;
  }

  /** Next sortable column, wrapping back to the panel's own order after the last one. */
  public void nextSort(int sortableColumns) {
    sortColumn = sortColumn + 1 >= sortableColumns ? -1 : sortColumn + 1;
    reversed = false;
  }

  public boolean reversed() {
    return reversed;
  }

  public void reverse() {
    reversed = !reversed;
  }

  public int scroll() {
    return scroll;
  }

  public void scroll(int lines) {
    scroll = Math.max(0, lines);
  }
}
