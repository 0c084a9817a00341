package io.mountscope.tui;

import io.mountscope.tui.panel.PanelId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Where everything goes for a terminal size: a two-row header, a status bar on the last row, and
 * the panels between them. Below 132 columns the panels sit in three bands of two (fits 80x24);
 * from 132 columns, two bands of three. A zoomed panel takes the whole body.
 */
record Layout(int cols, int rows, Rect header, Rect status, Map<PanelId, Rect> panels, boolean wide) {
  static final int WIDE_COLUMNS = 132;
  static final int HEADER_ROWS = 2;

  /** Directions for arrow-key focus moves. */
  enum Direction { LEFT, RIGHT, UP, DOWN }

  static Layout of(int cols, int rows, PanelId zoomed) {
    return of(cols, rows, zoomed, false);
  }

  /** With {@code plugins}, the Plugins panel joins the last band. */
  static Layout of(int cols, int rows, PanelId zoomed, boolean plugins) {
    Rect header = new Rect(0, 0, cols, Math.min(HEADER_ROWS, rows));
    Rect status = new Rect(0, Math.max(0, rows - 1), cols, rows > HEADER_ROWS ? 1 : 0);
    int top = HEADER_ROWS;
    int bodyRows = Math.max(0, rows - HEADER_ROWS - 1);
    boolean wide = cols >= WIDE_COLUMNS;
    Map<PanelId, Rect> panels = new EnumMap<>(PanelId.class);
    if (zoomed != null) {
      panels.put(zoomed, new Rect(0, top, cols, bodyRows));
      return new Layout(cols, rows, header, status, panels, wide);
    }
    List<List<PanelId>> bands = wide
        ? List.of(List.of(PanelId.TOPOLOGY, PanelId.MOUNT_ACTIVITY, PanelId.MOUNT_TABLE),
            List.of(PanelId.HOTSPOTS, PanelId.STARTUPS, PanelId.DIAGNOSIS))
        : List.of(List.of(PanelId.TOPOLOGY, PanelId.MOUNT_ACTIVITY), List.of(PanelId.MOUNT_TABLE, PanelId.HOTSPOTS),
            List.of(PanelId.STARTUPS, PanelId.DIAGNOSIS));
    if (plugins) {
      List<PanelId> last = new java.util.ArrayList<>(bands.get(bands.size() - 1));
      last.add(PanelId.PLUGINS);
      bands = new java.util.ArrayList<>(bands.subList(0, bands.size() - 1));
      bands.add(last);
    }
    int y = top;
    for (int b = 0; b < bands.size(); b++) {
      // Earlier bands get the floor; the last band takes the remainder (starts and verdicts grow longest).
      int h = b == bands.size() - 1 ? top + bodyRows - y : bodyRows / bands.size();
      List<PanelId> band = bands.get(b);
      int x = 0;
      for (int c = 0; c < band.size(); c++) {
        int w = c == band.size() - 1 ? cols - x : cols / band.size();
        panels.put(band.get(c), new Rect(x, y, w, h));
        x += w;
      }
      y += h;
    }
    return new Layout(cols, rows, header, status, panels, wide);
  }

  /** The panel next to {@code from} in direction {@code d}, or {@code from} when there is none. */
  PanelId neighbour(PanelId from, Direction d) {
    Rect a = panels.get(from);
    if (a == null) {
      return from;
    }
    PanelId best = from;
    long bestDistance = Long.MAX_VALUE;
    for (Map.Entry<PanelId, Rect> e : panels.entrySet()) {
      Rect b = e.getValue();
      boolean inDirection = switch (d) {
        case LEFT -> b.right() <= a.x();
        case RIGHT -> b.x() >= a.right();
        case UP -> b.bottom() <= a.y();
        case DOWN -> b.y() >= a.bottom();
      };
      if (!inDirection) {
        continue;
      }
      long dx = b.centerX() - a.centerX();
      long dy = b.centerY() - a.centerY();
      // Prefer staying in the same row (or column): weight the cross axis heavily.
      long distance = d == Direction.LEFT || d == Direction.RIGHT ? dx * dx + 16 * dy * dy : 16 * dx * dx + dy * dy;
      if (distance < bestDistance) {
        bestDistance = distance;
        best = e.getKey();
      }
    }
    return best;
  }
}
