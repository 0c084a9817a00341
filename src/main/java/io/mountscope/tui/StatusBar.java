package io.mountscope.tui;

import io.mountscope.model.Model;
import io.mountscope.model.ProbeStatus;
import io.mountscope.tui.panel.Glyphs;
import io.mountscope.tui.panel.History;
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
    Line l = new Line().add(" ");
    probes(l, in.model(), in.history());
    if (in.model() != null && in.model().self() != null) {
      l.add(g.separator(), Style.STATUS).add("self " + Units.share(in.model().self().cpuShare()) + " cpu "
          + Units.bytes(in.model().self().rssBytes()), Style.STATUS);
    }
    l.add("  ", Style.STATUS);
    List<String[]> keys = keys(in, s);
    for (String[] k : keys) {
      if (l.length() + k[0].length() + k[1].length() + 2 > r.w()) {
        break;
      }
      l.add(k[0], Style.STATUS_KEY).add(" " + k[1] + " ", Style.STATUS);
    }
    c.line(r.x(), r.y(), r.w(), l, Style.STATUS);
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

  /** "probes 5 ok" plus each probe that is not: "locks n/a", "hotspots stale 4s". */
  static void probes(Line l, Model m, History h) {
    if (m == null || m.probes() == null) {
      l.add("probes: no sample yet", Style.STATUS);
      return;
    }
    int ok = 0;
    List<String> bad = new ArrayList<>();
    for (Map.Entry<String, ProbeStatus> e : m.probes().entrySet()) {
      String state = e.getValue().state();
      if (ProbeStatus.OK.equals(state)) {
        ok++;
      } else if (ProbeStatus.STALE.equals(state)) {
        bad.add(e.getKey() + " stale " + staleFor(e.getKey(), h));
      } else if (ProbeStatus.UNAVAILABLE.equals(state)) {
        bad.add(e.getKey() + " n/a");
      } else {
        bad.add(e.getKey() + " " + state);
      }
    }
    l.add("probes " + ok + " ok", Style.STATUS);
    for (String b : bad) {
      l.add(", " + b, Style.STATUS_KEY);
    }
  }

  /** How long since the probe last delivered fresh data, from the history; ">60s" beyond it. */
  private static String staleFor(String probe, History h) {
    long now = h.latestMillis();
    List<History.Entry> entries = h.entries();
    for (int i = entries.size() - 1; i >= 0; i--) {
      Map<String, ProbeStatus> p = entries.get(i).model().probes();
      ProbeStatus st = p == null ? null : p.get(probe);
      if (st != null && ProbeStatus.OK.equals(st.state())) {
        return Units.age(now - entries.get(i).timeMillis()).replace(".0s", "s");
      }
    }
    return ">60s";
  }
}
