package io.mountscope.tui.panel;

import io.mountscope.model.Hotspots;
import io.mountscope.model.LockTable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Where the kernel spends its time: the share of sampled CPU spinning on locks, the lock
 * contention table (who waited on which lock, how often, how long) and the top kernel symbols.
 */
public final class HotspotsPanel implements Panel {
  private final TableView<LockTable.Row> locks = new TableView<>(
      TableView.Column.text("caller", LockTable.Row::caller),
      TableView.Column.label("type", 10, LockTable.Row::type),
      TableView.Column.number("contended", 9, r -> Units.count(r.contended()), Comparator.comparingLong(LockTable.Row::contended)),
      TableView.Column.number("total", 7, r -> Units.nanos(r.totalWaitNanos()), Comparator.comparingLong(LockTable.Row::totalWaitNanos)),
      TableView.Column.number("max", 7, r -> Units.nanos(r.maxWaitNanos()), Comparator.comparingLong(LockTable.Row::maxWaitNanos)),
      TableView.Column.number("avg", 7, r -> Units.nanos(r.avgWaitNanos()), Comparator.comparingLong(LockTable.Row::avgWaitNanos)));

  /** The small panel's lock table: who waited, how long in total, how often (same sort order as the full one). */
  private final TableView<LockTable.Row> locksCompact = new TableView<>(
      TableView.Column.text("caller", LockTable.Row::caller),
      TableView.Column.number("contended", 9, r -> Units.count(r.contended()), Comparator.comparingLong(LockTable.Row::contended)),
      TableView.Column.number("total", 7, r -> Units.nanos(r.totalWaitNanos()), Comparator.comparingLong(LockTable.Row::totalWaitNanos)));

  private final TableView<Hotspots.Symbol> symbols = new TableView<>(
      TableView.Column.text("kernel symbol", Hotspots.Symbol::symbol),
      TableView.Column.number("cpu", 5, s -> Units.share(s.share()), Comparator.comparingDouble(Hotspots.Symbol::share)),
      TableView.Column.label("family", 12, Hotspots.Symbol::family)
          .styled(s -> "other".equals(s.family()) ? Style.DIM : Style.WARN));

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
      int sparkWidth = Math.max(8, Math.min(60, width - 34));
      out.add(new Line().add("lock spin ").add(Units.share(hot.lockSpinShare()), spinStyle(hot.lockSpinShare()))
          .add(" of sampled CPU ").add(Spark.of(v.history().series(m -> m.hotspots() == null ? null
              : m.hotspots().lockSpinShare()), sparkWidth, g), Style.SPARK));
    }
    List<LockTable.Row> rows = lockTable == null ? List.of() : lockTable.rows();
    List<Hotspots.Symbol> syms = hot == null ? List.of() : PanelView.orEmpty(hot.top());
    int left = Math.max(2, height - out.size());
    // Small panel: no table headers, the top rows of each table share the room.
    boolean headers = v.zoomed() || left >= 8;
    int lockRoom = v.zoomed() ? rows.size() + 2 : syms.isEmpty() ? left : Math.max(1, (left + 1) / 2);
    if (lockTable == null) {
      out.addAll(v.notCollected(width, "lock contention", "locks"));
    } else {
      TableView<LockTable.Row> table = v.zoomed() || width >= 56 ? locks : locksCompact;
      out.addAll(table.render(rows, width, lockRoom, v.table(), g, true, headers));
    }
    if (!syms.isEmpty()) {
      int symRoom = v.zoomed() ? syms.size() + 1 : height - out.size();
      if (v.zoomed()) {
        out.add(Line.of(""));
      }
      out.addAll(symbols.render(syms, width, symRoom, v.table(), g, false, headers));
    }
    return out;
  }

  /** A few percent of CPU spinning on locks is normal; tens of percent is the incident. */
  static Style spinStyle(double share) {
    return share >= 0.25 ? Style.CRIT : share >= 0.05 ? Style.WARN : Style.OK;
  }
}
