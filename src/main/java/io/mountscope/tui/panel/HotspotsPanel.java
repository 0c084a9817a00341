package io.mountscope.tui.panel;

import io.mountscope.model.HotspotFamily;
import io.mountscope.model.Hotspots;
import io.mountscope.model.LockTable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Where the kernel spends its time: the share of CPU spinning on locks and the share inside the
 * mount-lock paths, the lock contention table (who waited on which lock, how often, how long)
 * and the top kernel symbols with their families.
 */
public final class HotspotsPanel implements Panel {
  private final TableView<LockTable.Row> locks = new TableView<>(
      TableView.Column.text("caller", LockTable.Row::caller),
      TableView.Column.label("type", 10, LockTable.Row::type),
      TableView.Column.number("contended", 9, r -> Units.count(r.contended()), Comparator.comparingLong(LockTable.Row::contended)),
      TableView.Column.number("total", 7, r -> Units.nanos(r.totalWaitNanos()), Comparator.comparingLong(LockTable.Row::totalWaitNanos)),
      TableView.Column.number("max", 7, r -> Units.nanos(r.maxWaitNanos()), Comparator.comparingLong(LockTable.Row::maxWaitNanos)),
      TableView.Column.number("avg", 7, r -> Units.nanos(r.avgWaitNanos()), Comparator.comparingLong(LockTable.Row::avgWaitNanos)));

  /** The small panel's lock table: who waited, how often, how long in total (a prefix of the full sort order). */
  private final TableView<LockTable.Row> locksCompact = new TableView<>(
      TableView.Column.text("caller", LockTable.Row::caller),
      TableView.Column.number("contended", 9, r -> Units.count(r.contended()), Comparator.comparingLong(LockTable.Row::contended)),
      TableView.Column.number("total", 7, r -> Units.nanos(r.totalWaitNanos()), Comparator.comparingLong(LockTable.Row::totalWaitNanos)));

  private final TableView<Hotspots.Symbol> symbols = new TableView<>(
      TableView.Column.text("kernel symbol", Hotspots.Symbol::symbol),
      TableView.Column.number("cpu", 5, s -> Units.share(s.share()), Comparator.comparingDouble(Hotspots.Symbol::share)),
      TableView.Column.<Hotspots.Symbol>label("family", 10, s -> s.family() == null ? "?" : s.family().json())
          .styled(s -> familyStyle(s.family())));

  private final TableView<Hotspots.FamilyShare> families = new TableView<>(
      TableView.Column.text("family", f -> f.family().json()),
      TableView.Column.number("cpu", 5, f -> Units.share(f.share()), Comparator.comparingDouble(Hotspots.FamilyShare::share)));

  @Override
  public PanelId id() {
    return PanelId.HOTSPOTS;
  }

  @Override
  public List<String> sortColumns() {
    return locks.sortNames();
  }

  @Override
  public List<Line> render(PanelView v, int width, int height) {
    if (v.model() == null) {
      return v.notCollected(width, "hotspots");
    }
    Glyphs g = v.glyphs();
    Hotspots hot = v.model().hotspots();
    LockTable lockTable = v.model().locks();
    List<Line> out = new ArrayList<>();
    if (hot == null) {
      out.addAll(v.notCollected(width, "cpu sampling", "hotspots"));
    } else {
      Line spin = new Line().add("lock spin ").add(Units.share(hot.lockSpinShare()), spinStyle(hot.lockSpinShare()))
          .add(", mount locks ").add(Units.share(hot.mountLockShare()), spinStyle(hot.mountLockShare())).add(" ");
      spin.add(Spark.of(v.history().series(m -> m.hotspots() == null ? null : m.hotspots().lockSpinShare()),
          Math.max(0, Math.min(60, width - spin.length())), g), Style.SPARK);
      out.add(spin);
    }
    List<LockTable.Row> rows = lockTable == null ? List.of() : lockTable.rows();
    List<Hotspots.Symbol> syms = hot == null ? List.of() : PanelView.orEmpty(hot.top());
    int left = Math.max(2, height - out.size());
    // Small panel: no table headers, the top rows of each table share the room.
    boolean headers = v.detailed() || left >= 8;
    int lockRoom = v.detailed() ? rows.size() + 2 : syms.isEmpty() ? left : Math.max(1, (left + 1) / 2);
    if (lockTable == null) {
      out.addAll(v.notCollected(width, "lock contention", "locks"));
    } else {
      TableView<LockTable.Row> table = v.detailed() || width >= 56 ? locks : locksCompact;
      out.addAll(table.render(rows, width, lockRoom, v.table(), g, true, headers));
    }
    if (!syms.isEmpty()) {
      int symRoom = v.detailed() ? syms.size() + 1 : height - out.size();
      if (v.detailed()) {
        out.add(Line.of(""));
      }
      out.addAll(symbols.render(syms, width, symRoom, v.table(), g, false, headers));
    }
    if (v.detailed()) {
      zoomed(out, hot, lockTable, width, v);
    }
    return out;
  }

  private void zoomed(List<Line> out, Hotspots hot, LockTable lockTable, int width, PanelView v) {
    if (lockTable != null) {
      out.add(Line.of(""));
      out.add(Line.of("lock wait " + Units.nanos((long) lockTable.waitNanosPerSecond()) + " per second, "
          + Units.share(lockTable.mountLockWaitShare()) + " of it in mount-lock callers"
          + (lockTable.lostEvents() > 0 ? ", " + lockTable.lostEvents() + " events lost" : "")));
    }
    if (hot == null) {
      return;
    }
    List<Hotspots.FamilyShare> fam = PanelView.orEmpty(hot.families());
    if (!fam.isEmpty()) {
      out.add(Line.of(""));
      out.addAll(families.render(fam, width, fam.size() + 1, v.table(), v.glyphs(), false, true));
    }
    Line nodes = new Line().add("lock spin per node:", Style.DIM);
    for (Hotspots.NodeSpin n : PanelView.orEmpty(hot.perNode())) {
      nodes.add(" node" + n.node() + " ").add(Units.share(n.lockSpinShare()), spinStyle(n.lockSpinShare()));
    }
    out.add(Line.of(""));
    out.add(nodes);
    out.add(Line.of(hot.samples() + " samples this tick" + (hot.lostSamples() > 0 ? ", " + hot.lostSamples() + " lost" : ""),
        Style.DIM));
  }

  /** A few percent of CPU spinning on locks is normal; tens of percent is the incident. */
  static Style spinStyle(double share) {
    return share >= 0.25 ? Style.CRIT : share >= 0.05 ? Style.WARN : Style.OK;
  }

  static Style familyStyle(HotspotFamily f) {
    if (f == null) {
      return Style.DIM;
    }
    return switch (f) {
      case MOUNT_LOCK -> Style.CRIT;
      case SPINLOCK, RWSEM, MUTEX, RCU -> Style.WARN;
      case IDLE, USER, OTHER -> Style.DIM;
    };
  }
}
