package io.mountscope.tui.panel;

import io.mountscope.model.ContainerdStatus;
import io.mountscope.model.Startups;
import io.mountscope.model.StartupsSample;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Container starts in flight, oldest first (image, layers, user namespace, age coloured by the
 * stuck thresholds, mount syscalls so far), how finished ones went (counts, rate, latency
 * percentiles, the most recent with their latency), and where the data comes from (containerd
 * and whether its version idmaps every layer, or the process table).
 */
public final class StartupsPanel implements Panel {
  private final TableView<Startups.InFlight> compact = table(false);
  private final TableView<Startups.InFlight> full = table(true);
  private final TableView<StartupsSample.Finished> recent = new TableView<>(
      TableView.Column.text("finished", StartupsSample.Finished::image),
      TableView.Column.label("outcome", 9, StartupsSample.Finished::outcome)
          .styled(f -> "completed".equals(f.outcome()) ? Style.NORMAL : Style.WARN),
      TableView.Column.number("latency", 7, f -> Units.age(f.latencyMillis()),
          Comparator.comparingLong(StartupsSample.Finished::latencyMillis)));

  private static TableView<Startups.InFlight> table(boolean detailed) {
    List<TableView.Column<Startups.InFlight>> cols = new ArrayList<>();
    cols.add(TableView.Column.text("image", detailed ? Startups.InFlight::image : s -> shortImage(s.image())));
    cols.add(TableView.Column.number("layers", 6, s -> s.layers() == null ? "?" : Integer.toString(s.layers()),
        Comparator.comparing(s -> s.layers() == null ? -1 : s.layers())));
    cols.add(TableView.Column.number("age", 6, s -> Units.age(s.ageMillis()), Comparator.comparingLong(Startups.InFlight::ageMillis))
        .styled(s -> stuckStyle(s.stuck())));
    cols.add(TableView.Column.number("mounts", 6, s -> s.mountSyscalls() == null ? "?" : Units.count(s.mountSyscalls()),
        Comparator.comparing(s -> s.mountSyscalls() == null ? -1L : s.mountSyscalls())));
    // Short columns last: the first to go when the panel is narrow.
    cols.add(TableView.Column.label("userns", 6, s -> s.userns() == null ? "?" : s.userns() ? "yes" : "no"));
    cols.add(TableView.Column.label("state", 8, Startups.InFlight::state));
    if (detailed) {
      cols.add(TableView.Column.label("snapshot", 9, s -> s.snapshotter() == null ? "?" : s.snapshotter()));
      cols.add(TableView.Column.label("namespace", 10, Startups.InFlight::namespace));
      cols.add(TableView.Column.label("id", 14, Startups.InFlight::id));
    }
    @SuppressWarnings("unchecked")
    TableView.Column<Startups.InFlight>[] array = cols.toArray(new TableView.Column[0]);
    return new TableView<>(array);
  }

  @Override
  public PanelId id() {
    return PanelId.STARTUPS;
  }

  @Override
  public List<String> sortColumns() {
    return compact.sortNames();
  }

  @Override
  public List<Line> render(PanelView v, int width, int height) {
    Startups s = v.model() == null ? null : v.model().startups();
    if (s == null) {
      return v.notCollected(width, "container starts", "startups");
    }
    Glyphs g = v.glyphs();
    List<Line> out = new ArrayList<>();
    List<Startups.InFlight> inFlight = PanelView.orEmpty(s.inFlight());
    Line summary = new Line().add(Integer.toString(inFlight.size()), Style.BOLD).add(" in flight");
    if (s.stuck() != null && s.stuck().critical() > 0) {
      summary.add(", " + s.stuck().critical() + " stuck", Style.CRIT);
    }
    if (s.stuck() != null && s.stuck().warning() > 0) {
      summary.add(", " + s.stuck().warning() + " slow", Style.WARN);
    }
    summary.add(g.separator() + s.completed() + " done" + g.separator())
        .add(s.failed() + " failed", s.failed() > 0 ? Style.WARN : Style.NORMAL);
    out.add(summary);
    StartupsSample.Latency lat = s.latency();
    if (lat != null && lat.count() > 0 && (v.detailed() || height >= 6)) {
      out.add(new Line().add("finished p50 " + Units.age(lat.p50Millis()) + " p99 ").add(Units.age(lat.p99Millis()),
          stuckStyle(s.thresholds() == null ? null : level(lat.p99Millis(), s.thresholds()))));
    }
    if (v.detailed()) {
      out.addAll(Wrap.lines("", source(s), width, sourceStyle(s)));
    } else if (height >= 7) {
      out.add(Line.of(source(s), sourceStyle(s)));
    }
    List<StartupsSample.Finished> done = PanelView.orEmpty(s.recent());
    int recentRoom = v.detailed() ? done.size() + 1 : 0;
    int room = v.detailed() ? inFlight.size() + 2 : height - out.size();
    out.addAll((v.detailed() ? full : compact).render(inFlight, width, room, v.table(), g, true, true));
    if (recentRoom > 1) {
      out.add(Line.of(""));
      if (lat != null && lat.count() > 0) {
        out.add(Line.of(lat.count() + " finished: mean " + Units.age((long) lat.meanMillis()) + ", p90 "
            + Units.age(lat.p90Millis()) + ", max " + Units.age(lat.maxMillis()) + ", "
            + Units.rate(s.completedPerSecond()) + "/s now" + (s.unknown() > 0 ? ", " + s.unknown() + " ended unseen" : ""),
            Style.DIM));
      }
      out.addAll(recent.render(done, width, recentRoom, v.table(), g, false, true));
    }
    return out;
  }

  /** Where the starts are seen: "containerd 2.0.4 (idmaps per layer)", or why not. */
  static String source(Startups s) {
    ContainerdStatus c = s.containerd();
    if (StartupsSample.SOURCE_PROCESS_TABLE.equals(s.source())) {
      return "from the process table" + (c != null && c.reason() != null ? " (containerd: " + c.reason() + ")" : "");
    }
    if (c == null) {
      return "source " + s.source();
    }
    if (!ContainerdStatus.CONNECTED.equals(c.state())) {
      return "containerd " + c.state() + (c.reason() == null ? "" : ": " + c.reason());
    }
    String version = c.version() == null ? "" : " " + c.version();
    return "containerd" + version + (Boolean.TRUE.equals(c.idmapPerLayer()) ? " (idmaps per layer)" : "");
  }

  private static Style sourceStyle(Startups s) {
    ContainerdStatus c = s.containerd();
    if (c != null && Boolean.TRUE.equals(c.idmapPerLayer())) {
      return Style.WARN;
    }
    if (c != null && ContainerdStatus.DOWN.equals(c.state())) {
      return Style.WARN;
    }
    return Style.DIM;
  }

  private static String level(long millis, Startups.Thresholds t) {
    return millis >= t.criticalMillis() ? Startups.CRITICAL : millis >= t.warningMillis() ? Startups.WARNING : Startups.OK;
  }

  /** "registry.local/app/web:2.0" -> "app/web:2.0": the registry host is noise in a narrow column. */
  static String shortImage(String image) {
    if (image == null) {
      return "?";
    }
    int slash = image.indexOf('/');
    if (slash > 0) {
      String first = image.substring(0, slash);
      if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
        return image.substring(slash + 1);
      }
    }
    return image;
  }

  /** The stuck level's colour: warning yellow, critical red (thresholds are the probe's). */
  static Style stuckStyle(String level) {
    if (Startups.CRITICAL.equals(level)) {
      return Style.CRIT;
    }
    return Startups.WARNING.equals(level) ? Style.WARN : Style.NORMAL;
  }
}
