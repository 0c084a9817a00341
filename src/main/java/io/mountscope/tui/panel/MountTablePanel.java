package io.mountscope.tui.panel;

import io.mountscope.model.MountTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The mount table: how many mounts, how fast the count grows, what one read of
 * /proc/self/mountinfo costs (the incident's 30 s symptom), what the mounts are, and leaks.
 */
public final class MountTablePanel implements Panel {
  @Override
  public PanelId id() {
    return PanelId.MOUNT_TABLE;
  }

  @Override
  public List<String> sortColumns() {
    return List.of();
  }

  @Override
  public List<Line> render(PanelView v, int width, int height) {
    MountTable t = v.model() == null ? null : v.model().mountTable();
    if (t == null) {
      return v.notCollected(width, "mount table", "mountTable");
    }
    Glyphs g = v.glyphs();
    History h = v.history();
    int sparkWidth = Math.max(8, Math.min(60, width - 30));
    List<Line> out = new ArrayList<>();
    String growth = String.format(Locale.ROOT, "%+.1f/s", t.growthPerSecond());
    out.add(new Line().add("mounts ").add(Long.toString(t.mounts()), Style.BOLD).add(" ")
        .add(growth, t.growthPerSecond() > 0 ? Style.WARN : Style.DIM));
    out.add(new Line().add("  ").add(Spark.level(h.series(m -> m.mountTable() == null ? null : m.mountTable().mounts()),
        sparkWidth, g), Style.SPARK).add(" count, 60 s", Style.DIM));
    out.add(new Line().add("mountinfo read ").add(Units.millis(t.readMillis()), readStyle(t.readMillis()))
        .add(" for " + Units.bytes(t.bytesRead())));
    out.add(new Line().add("  ").add(Spark.level(h.series(m -> m.mountTable() == null ? null : m.mountTable().readMillis()),
        sparkWidth, g), Style.SPARK).add(" read time, 60 s", Style.DIM));
    return out;
  }

  /** Reading mountinfo is a symptom when it takes long: systemd and kubelet read it on every change. */
  static Style readStyle(double millis) {
    return millis >= 1000 ? Style.CRIT : millis >= 100 ? Style.WARN : Style.NORMAL;
  }
}
