package io.mountscope.tui.panel;

import io.mountscope.model.Startups;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Container starts in flight (image, layers, user namespace, age coloured by the stuck
 * thresholds, mount syscalls so far) and how finished ones went.
 */
public final class StartupsPanel implements Panel {
  /** Starts older than this are slow (issue 5's default warning threshold). */
  static final long WARN_MILLIS = 10_000;
  /** Starts older than this are stuck (the incident's 30 s starts). */
  static final long CRIT_MILLIS = 30_000;

  private final TableView<Startups.InFlight> compact = table(false);
  private final TableView<Startups.InFlight> full = table(true);

  private static TableView<Startups.InFlight> table(boolean zoomed) {
    List<TableView.Column<Startups.InFlight>> cols = new ArrayList<>();
    cols.add(TableView.Column.text("image", zoomed ? Startups.InFlight::image : s -> shortImage(s.image())));
    cols.add(TableView.Column.number("layers", 6, s -> Integer.toString(s.layers()), Comparator.comparingInt(Startups.InFlight::layers)));
    cols.add(TableView.Column.number("age", 6, s -> Units.age(s.ageMillis()), Comparator.comparingLong(Startups.InFlight::ageMillis))
        .styled(s -> ageStyle(s.ageMillis())));
    cols.add(TableView.Column.number("mounts", 6, s -> Units.count(s.mountSyscalls()), Comparator.comparingLong(Startups.InFlight::mountSyscalls)));
    // Last of the short columns: the first to go when the panel is narrow.
    cols.add(TableView.Column.label("userns", 6, s -> s.userns() ? "yes" : "no"));
    cols.add(TableView.Column.label("state", 9, Startups.InFlight::state));
    if (zoomed) {
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
    long stuck = inFlight.stream().filter(i -> i.ageMillis() >= CRIT_MILLIS).count();
    Line summary = new Line().add(Integer.toString(inFlight.size()), Style.BOLD).add(" in flight");
    if (stuck > 0) {
      summary.add(", " + stuck + " over " + CRIT_MILLIS / 1000 + "s", Style.CRIT);
    }
    summary.add(g.separator() + s.completed() + " done" + g.separator())
        .add(s.failed() + " failed", s.failed() > 0 ? Style.WARN : Style.NORMAL);
    out.add(summary);
    // Oldest first: the stuck starts are what the on-call engineer is looking for.
    List<Startups.InFlight> rows = new ArrayList<>(inFlight);
    rows.sort(Comparator.comparingLong(Startups.InFlight::ageMillis).reversed());
    int room = v.detailed() ? rows.size() + 2 : height - out.size();
    out.addAll((v.detailed() ? full : compact).render(rows, width, room, v.table(), g, true, true));
    return out;
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

  static Style ageStyle(long ageMillis) {
    return ageMillis >= CRIT_MILLIS ? Style.CRIT : ageMillis >= WARN_MILLIS ? Style.WARN : Style.NORMAL;
  }
}
