package io.mountscope.tui.panel;

import io.mountscope.model.Model;
import io.mountscope.model.MountActivity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Mount syscalls per second by kind with 60 s sparklines, totals since the probe started, the
 * split per NUMA node (on whose CPUs they ran) and the processes issuing them.
 */
public final class MountActivityPanel implements Panel {
  /** One syscall kind's row. */
  record Kind(String kind, double rate, long total, String spark) {}

  private final TableView<MountActivity.ProcessRate> processes = new TableView<>(
      TableView.Column.number("pid", 7, p -> Integer.toString(p.pid()), Comparator.comparingInt(MountActivity.ProcessRate::pid)),
      TableView.Column.text("process", MountActivity.ProcessRate::comm),
      TableView.Column.number("rate/s", 7, p -> Units.rate(p.rate()), Comparator.comparingDouble(MountActivity.ProcessRate::rate)),
      TableView.Column.number("total", 7, p -> Units.count(p.count()), Comparator.comparingLong(MountActivity.ProcessRate::count)));

  @Override
  public PanelId id() {
    return PanelId.MOUNT_ACTIVITY;
  }

  @Override
  public List<String> sortColumns() {
    return kinds(0).sortNames();
  }

  private static TableView<Kind> kinds(int sparkWidth) {
    return new TableView<>(
        TableView.Column.text("syscall", Kind::kind),
        TableView.Column.number("rate/s", 7, k -> Units.rate(k.rate()), Comparator.comparingDouble(Kind::rate)),
        new TableView.Column<Kind>("60 s", sparkWidth, false, Kind::spark, null, k -> Style.SPARK),
        TableView.Column.number("total", 7, k -> Units.count(k.total()), Comparator.comparingLong(Kind::total)));
  }

  @Override
  public List<Line> render(PanelView v, int width, int height) {
    MountActivity a = v.model() == null ? null : v.model().mountActivity();
    if (a == null) {
      return v.notCollected(width, "mount syscalls", "mountActivity", "mountCounters");
    }
    Glyphs g = v.glyphs();
    History h = v.history();
    int sparkWidth = Math.max(8, Math.min(60, width - 32));
    long count = a.counters().values().stream().mapToLong(Long::longValue).sum();
    List<Line> out = new ArrayList<>();
    out.add(new Line().add("total ").add(Units.rate(a.totalRate()) + "/s", Style.BOLD).add(" ")
        .add(Spark.of(h.series(m -> m.mountActivity() == null ? null : m.mountActivity().totalRate()), sparkWidth, g),
            Style.SPARK)
        .add("  " + Units.count(count) + " so far", Style.DIM));

    List<Kind> rows = new ArrayList<>();
    for (Map.Entry<String, Long> e : a.counters().entrySet()) {
      String kind = e.getKey();
      double rate = a.rates().getOrDefault(kind, 0.0);
      if (!v.detailed() && rate == 0 && e.getValue() == 0) {
        continue; // a syscall nobody issued is noise in the small panel
      }
      rows.add(new Kind(kind, rate, e.getValue(), Spark.of(h.series(m -> rateOf(m, kind)), sparkWidth, g)));
    }
    rows.sort(Comparator.comparingDouble(Kind::rate).reversed().thenComparing(Kind::kind));
    List<MountActivity.ProcessRate> top = PanelView.orEmpty(a.topProcesses());
    Line nodes = perNode(a, g);
    int extra = (nodes == null ? 0 : 1) + (top.isEmpty() ? 0 : 1);
    boolean header = v.detailed() || height >= 10;
    int room = v.detailed() ? rows.size() + 2 : Math.max(1, height - out.size() - extra);
    out.addAll(kinds(sparkWidth).render(rows, width, room, v.table(), g, true, header));
    if (v.detailed()) {
      if (nodes != null) {
        out.add(Line.of(""));
        out.add(nodes);
      }
      if (!top.isEmpty()) {
        out.add(Line.of(""));
        out.add(Line.of("processes issuing mount syscalls", Style.TITLE));
        out.addAll(processes.render(top, width, top.size() + 1, v.table(), g, false, true));
      }
      return out;
    }
    if (nodes != null && out.size() < height) {
      out.add(nodes);
    }
    if (!top.isEmpty() && out.size() < height) {
      Line l = new Line().add("top ", Style.DIM);
      for (MountActivity.ProcessRate p : top.subList(0, Math.min(3, top.size()))) {
        l.add(p.comm() + "[" + p.pid() + "] ").add(Units.rate(p.rate()) + "/s  ", Style.BOLD);
      }
      out.add(l);
    }
    return out;
  }

  /** "node0 1.2k/s 75%  node1 400/s 25%", or null with a single node (nothing to split). */
  private static Line perNode(MountActivity a, Glyphs g) {
    List<MountActivity.NodeRate> nodes = PanelView.orEmpty(a.perNode());
    if (nodes.size() < 2) {
      return null;
    }
    Line l = new Line();
    for (MountActivity.NodeRate n : nodes) {
      String name = n.node() < 0 ? "node?" : "node" + n.node();
      l.add(name + " ").add(Units.rate(n.rate()) + "/s", Style.BOLD)
          .add(a.totalRate() > 0 ? " (" + Units.share(n.rate() / a.totalRate()) + ")" : "", Style.DIM).add("  ");
    }
    return l;
  }

  private static Double rateOf(Model m, String kind) {
    return m.mountActivity() == null ? null : m.mountActivity().rates().get(kind);
  }
}
