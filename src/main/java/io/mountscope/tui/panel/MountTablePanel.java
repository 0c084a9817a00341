package io.mountscope.tui.panel;

import io.mountscope.model.MountTable;
import io.mountscope.model.MountTableSample;
import io.mountscope.util.Fmt;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The mount table: how many mounts, how fast the count grows, what one read of
 * /proc/self/mountinfo costs (the incident's 30 s symptom), what made the mounts, the mount
 * namespaces, and leaks (idmapped temporary mounts left behind, mounts whose target is gone).
 */
public final class MountTablePanel implements Panel {
  /** A name (kind or filesystem type) with its mounts and their share of the table. */
  record Count(String name, long mounts, double share) {}

  private final TableView<Count> kinds = counts("kind");
  private final TableView<Count> fsTypes = counts("fs type");
  private final TableView<MountTableSample.Namespace> namespaces = new TableView<>(
      TableView.Column.label("namespace", 12, n -> Long.toString(n.id())),
      TableView.Column.number("mounts", 7, n -> n.mounts() < 0 ? "?" : Units.count(n.mounts()),
          Comparator.comparingLong(MountTableSample.Namespace::mounts)),
      TableView.Column.number("procs", 6, n -> Integer.toString(n.processes()),
          Comparator.comparingInt(MountTableSample.Namespace::processes)),
      TableView.Column.text("example", MountTableSample.Namespace::example));
  private final TableView<MountTable.Leak> leaks = new TableView<>(
      TableView.Column.text("target", MountTable.Leak::target),
      TableView.Column.label("kind", 13, MountTable.Leak::kind),
      TableView.Column.label("why", 17, MountTable.Leak::reason),
      TableView.Column.number("age", 6, l -> Units.age((long) (l.ageSeconds() * 1000)),
          Comparator.comparingDouble(MountTable.Leak::ageSeconds)));

  private static TableView<Count> counts(String name) {
    return new TableView<>(
        TableView.Column.text(name, Count::name),
        TableView.Column.number("mounts", 7, c -> Units.count(c.mounts()), Comparator.comparingLong(Count::mounts)),
        TableView.Column.number("share", 5, c -> Units.share(c.share()), Comparator.comparingDouble(Count::share)));
  }

  @Override
  public PanelId id() {
    return PanelId.MOUNT_TABLE;
  }

  @Override
  public List<String> sortColumns() {
    return kinds.sortNames();
  }

  @Override
  public List<Line> render(PanelView v, int width, int height) {
    MountTable t = v.model() == null ? null : v.model().mountTable();
    if (t == null) {
      return v.notCollected(width, "mount table", "mountTable");
    }
    Glyphs g = v.glyphs();
    History h = v.history();
    List<Line> out = new ArrayList<>();
    Line count = new Line().add("mounts ").add(Long.toString(t.mounts()), Style.BOLD).add(" ")
        .add(String.format(Locale.US, "%+.1f/s", t.growthPerSecond()), t.growthPerSecond() > 0 ? Style.WARN : Style.DIM)
        .add(" ");
    count.add(Spark.level(h.series(m -> m.mountTable() == null ? null : m.mountTable().mounts()),
        Math.max(4, Math.min(60, width - count.length())), g), Style.SPARK);
    out.add(count);
    Line read = new Line().add("mountinfo ").add(Units.millis(t.readMillis()), readStyle(t.readMillis()))
        .add(" " + Units.bytes(t.bytesRead()) + " ");
    read.add(Spark.level(h.series(m -> m.mountTable() == null ? null : m.mountTable().readMillis()),
        Math.max(4, Math.min(60, width - read.length())), g), Style.SPARK);
    out.add(read);
    out.add(leakLine(t));
    List<Count> byKind = counts(t.byKind(), t.mounts());
    if (!v.detailed()) {
      if (!byKind.isEmpty()) {
        out.addAll(kinds.render(byKind, width, height - out.size(), v.table(), g, true, height >= 8));
      }
      return out;
    }
    out.add(Line.of("counted by " + t.countedBy() + "; details read " + Units.age((long) (t.detailAgeSeconds() * 1000))
        + " ago; " + Fmt.plural(t.namespaceCount(), "mount namespace", "mount namespaces"), Style.DIM));
    out.add(Line.of(""));
    out.addAll(kinds.render(byKind, width, byKind.size() + 2, v.table(), g, true, true));
    List<Count> byType = counts(t.byFsType(), t.mounts());
    out.add(Line.of(""));
    out.addAll(fsTypes.render(byType, width, byType.size() + 2, v.table(), g, false, true));
    List<MountTableSample.Namespace> ns = PanelView.orEmpty(t.namespaces());
    if (!ns.isEmpty()) {
      out.add(Line.of(""));
      out.addAll(namespaces.render(ns, width, ns.size() + 2, v.table(), g, false, true));
    }
    List<MountTable.Leak> ls = PanelView.orEmpty(t.leaks());
    if (!ls.isEmpty()) {
      out.add(Line.of(""));
      out.addAll(leaks.render(ls, width, ls.size() + 2, v.table(), g, false, true));
    }
    return out;
  }

  /** "leaks 7: 6 idmapped temps over 60s, 1 target gone", or that there are none. */
  private static Line leakLine(MountTable t) {
    List<MountTable.Leak> ls = PanelView.orEmpty(t.leaks());
    if (ls.isEmpty()) {
      return new Line().add("leaks ").add("none", Style.OK);
    }
    long old = ls.stream().filter(l -> MountTable.Leak.IDMAPPED_TEMP_OLD.equals(l.reason())).count();
    long gone = ls.size() - old;
    List<String> parts = new ArrayList<>();
    if (old > 0) {
      parts.add(old + " idmapped temp" + (old == 1 ? "" : "s") + " over " + MountTable.IDMAPPED_TEMP_LEAK_SECONDS + "s");
    }
    if (gone > 0) {
      parts.add(gone + " target" + (gone == 1 ? "" : "s") + " gone");
    }
    return new Line().add("leaks ").add(Integer.toString(ls.size()), Style.CRIT).add(": " + String.join(", ", parts));
  }

  private static List<Count> counts(Map<String, Long> m, long total) {
    List<Count> out = new ArrayList<>();
    if (m != null) {
      m.forEach((k, n) -> out.add(new Count(k, n, total > 0 ? (double) n / total : 0)));
    }
    out.sort(Comparator.comparingLong(Count::mounts).reversed().thenComparing(Count::name));
    return out;
  }

  /** Reading mountinfo is a symptom when it takes long: systemd and kubelet read it on every change. */
  static Style readStyle(double millis) {
    return millis >= 1000 ? Style.CRIT : millis >= 100 ? Style.WARN : Style.NORMAL;
  }
}
