package io.mountscope.tui;

import io.mountscope.model.Model;
import io.mountscope.model.ProbeStatus;
import io.mountscope.tui.panel.Glyphs;
import io.mountscope.model.SelfCost;
import io.mountscope.tui.panel.Line;
import io.mountscope.tui.panel.Style;
import io.mountscope.tui.panel.Units;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The bottom row: the filter being typed, or a message, or else the probes' state (how stale each
 * late one is), mountscope's own CPU and memory, and as many key hints as fit.
 */
final class StatusBar {
  private StatusBar() {}

  static void paint(Canvas c, Rect r, ViewState s, Frame.Input in, Layout layout) {
    if (r.h() < 1) {
      return;
    }
    if (s.editingFilter()) {
      Line l = new Line().add(" filter " + s.focus.title() + ": ", Style.INPUT).add(s.filterDraft + "_", Style.INPUT)
          .add("   Enter keeps it, Esc cancels", Style.STATUS);
      c.line(r.x(), r.y(), r.w(), l, Style.STATUS);
      return;
    }
    if (in.message() != null) {
      c.line(r.x(), r.y(), r.w(), Line.of(" " + in.message(), Style.STATUS_KEY), Style.STATUS);
      return;
    }
    Glyphs g = c.glyphs();
    // Keys on the right ("? help" and "q" always), the node's state on the left in what is left.
    Line l = new Line().add(" ");
    probes(l, in.model());
    if (in.model() != null && in.model().self() != null) {
      SelfCost self = in.model().self();
      boolean wide = r.w() >= Layout.WIDE_COLUMNS;
      l.add(g.separator(), Style.STATUS).add("self cpu " + Units.share(self.cpuShare()) + " rss " + Units.bytes(self.rssBytes())
          + (wide && self.mountinfoBytesPerSecond() > 0 ? " mountinfo " + Units.bytes((long) self.mountinfoBytesPerSecond()) + "/s" : "")
          + (wide && self.mountSyscallsPerSecond() > 0 ? " mount calls " + Units.rate(self.mountSyscallsPerSecond()) + "/s" : ""),
          Style.STATUS);
    }
    Line keys = new Line();
    List<String[]> all = keys(in, s);
    for (int i = 0; i < all.size(); i++) {
      String[] k = all.get(i);
      if (i >= 2 && l.length() + keys.length() + k[0].length() + k[1].length() + 3 > r.w()) {
        break;
      }
      keys.add(k[0], Style.STATUS_KEY).add(" " + k[1] + " ", Style.STATUS);
    }
    int keysWidth = Math.min(keys.length(), r.w());
    c.line(r.x(), r.y(), r.w() - keysWidth, l, Style.STATUS);
    c.line(r.right() - keysWidth, r.y(), keysWidth, keys, Style.STATUS);
  }

  /** Key hints, most important first: what is shown depends on the width. */
  private static List<String[]> keys(Frame.Input in, ViewState s) {
    List<String[]> k = new ArrayList<>();
    k.add(new String[] {"?", "help"});
    k.add(new String[] {"q", in.options().openedFromConsole() ? "console" : "quit"});
    if (s.zoomed) {
      k.add(new String[] {"Esc", "back"});
    } else {
      k.add(new String[] {"Enter", "zoom"});
    }
    k.add(new String[] {"Tab", "focus"});
    k.add(new String[] {"/", "filter"});
    k.add(new String[] {"s", "sort"});
    k.add(new String[] {"p", "pause"});
    if (!in.live()) {
      k.add(new String[] {",.", "step"});
      k.add(new String[] {"[]", "seek"});
      k.add(new String[] {"-+", "speed"});
    }
    k.add(new String[] {":", "console"});
    k.add(new String[] {"r", "recipes"});
    return k;
  }

  /**
   * "probes 5 ok" plus each built-in probe that is not ("locks n/a", "hotspots stale 4s") and how
   * many plugin probes are not ("2 plugins not ok": the Plugins panel says which and why), so a
   * site's plugins cannot crowd mountscope's own state off the bar.
   */
  static void probes(Line l, Model m) {
    if (m == null || m.probes() == null) {
      l.add("probes: no sample yet", Style.STATUS);
      return;
    }
    int ok = 0;
    List<String> bad = new ArrayList<>();
    int plugins = 0;
    for (Map.Entry<String, ProbeStatus> e : m.probes().entrySet()) {
      ProbeStatus p = e.getValue();
      if (ProbeStatus.OK.equals(p.state())) {
        ok++;
      } else if (!io.mountscope.probe.Sampler.PARTS.contains(e.getKey())) {
        plugins++;
      } else if (ProbeStatus.STALE.equals(p.state())) {
        bad.add(e.getKey() + " stale " + Units.age(p.ageMillis()).replace(".0s", "s"));
      } else if (ProbeStatus.UNAVAILABLE.equals(p.state())) {
        bad.add(e.getKey() + " n/a");
      } else {
        bad.add(e.getKey() + " " + p.state());
      }
    }
    l.add("probes " + ok + " ok", Style.STATUS);
    for (String b : bad) {
      l.add(", " + b, Style.STATUS_KEY);
    }
    if (plugins > 0) {
      l.add(", " + plugins + (plugins == 1 ? " plugin" : " plugins") + " not ok", Style.STATUS_KEY);
    }
  }
}
