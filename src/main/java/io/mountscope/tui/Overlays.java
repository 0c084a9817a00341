package io.mountscope.tui;

import io.mountscope.tui.panel.Line;
import io.mountscope.tui.panel.Style;
import java.util.ArrayList;
import java.util.List;

/** The boxes drawn over the panels: the key and panel help ('?') and the installed recipes ('r'). */
final class Overlays {
  private Overlays() {}

  static void paint(Canvas c, Layout layout, String title, List<Line> lines, ViewState s) {
    int w = Math.min(layout.cols() - 2, 78);
    int h = Math.min(layout.rows() - 3, lines.size() + 2);
    if (w < 10 || h < 3) {
      return;
    }
    Rect r = new Rect((layout.cols() - w) / 2, Math.max(1, (layout.rows() - h) / 2), w, h);
    int inner = h - 2;
    int scroll = Math.min(s.overlayScroll, Math.max(0, lines.size() - inner));
    s.overlayScroll = scroll;
    int hidden = lines.size() - scroll - inner;
    c.box(r, title, true, hidden > 0 ? c.glyphs().moreBelow() + " " + hidden + " more" : null);
    for (int i = 0; i < inner; i++) {
      int li = scroll + i;
      c.line(r.x() + 1, r.y() + 1 + i, w - 2, li < lines.size() ? lines.get(li) : Line.of(""), Style.NORMAL);
    }
  }

  static List<Line> help(boolean live, DashboardOptions options) {
    List<Line> l = new ArrayList<>();
    key(l, "Tab, Shift-Tab", "move the focus to the next / previous panel");
    key(l, "arrows", "move the focus; zoomed: scroll (PgUp, PgDn, Home)");
    key(l, "Enter", "zoom the focused panel to the whole screen");
    key(l, "Esc", "back: close this, leave zoom, clear the filter");
    key(l, "/", "filter the panel's tables (Enter keeps, Esc cancels)");
    key(l, "s, S", "sort by the next column; reverse the order");
    key(l, "p, space", live ? "pause the view (sampling goes on)" : "pause / play the recording");
    if (!live) {
      key(l, ", .", "step one sample back / forward");
      key(l, "[ ]  { }", "seek 10 s / 60 s back or forward");
      key(l, "- +", "half / double speed");
      key(l, "g G", "start / end of the recording");
    }
    key(l, ":", "open the console (commands, recipes)");
    key(l, "r", "the installed recipes: Enter runs one in a panel here");
    key(l, "q", options.openedFromConsole() ? "back to the console" : "quit");
    key(l, "Ctrl-L", "redraw the whole screen");
    l.add(Line.of(""));
    panel(l, "Topology", "sockets, NUMA nodes, SMT, CPU; contention risk and why");
    panel(l, "Mount activity", "mount syscalls/s by kind over 60 s, top processes");
    panel(l, "Mount table", "mounts, growth, time to read /proc/self/mountinfo");
    panel(l, "Hotspots", "lock spinning, lock contention, top kernel symbols");
    panel(l, "Startups", "starts in flight, oldest first (yellow 10 s, red 30 s)");
    panel(l, "Diagnosis", "verdicts, evidence, next recipes; probes not ok");
    l.add(Line.of(" Status bar: probes not ok (how stale), mountscope's own CPU and memory", Style.DIM));
    return l;
  }

  static List<Line> recipes(ViewState s, DashboardOptions options) {
    List<Line> l = new ArrayList<>();
    if (s.recipesError != null) {
      l.add(Line.of(s.recipesError, Style.WARN));
      return l;
    }
    if (s.recipes.isEmpty()) {
      l.add(Line.of("No recipes installed" + (options.recipesDir() == null ? "" : " in " + options.recipesDir()) + ".",
          Style.WARN));
      l.add(Line.of("install.sh copies the recipes/ directory of the source tree there.", Style.DIM));
      return l;
    }
    for (int i = 0; i < s.recipes.size(); i++) {
      Recipes.Entry e = s.recipes.get(i);
      boolean at = i == s.recipeSelected;
      l.add(new Line().add(at ? "> " : "  ", Style.BOLD).add(String.format(java.util.Locale.US, "%-22s ", e.name()), at ? Style.STATUS_KEY : Style.BOLD)
          .add(e.description()));
    }
    l.add(Line.of(""));
    l.add(Line.of("Up/Down choose, Enter runs it here (asks before every change), d shows what it would do.", Style.DIM));
    l.add(Line.of("With parameters: ':' then 'recipe run NAME --set K=V'.", Style.DIM));
    return l;
  }

  private static void key(List<Line> l, String key, String what) {
    l.add(new Line().add(String.format(java.util.Locale.US, " %-15s ", key), Style.BOLD).add(what));
  }

  private static void panel(List<Line> l, String name, String what) {
    l.add(new Line().add(String.format(java.util.Locale.US, " %-15s ", name), Style.TITLE).add(what));
  }
}
