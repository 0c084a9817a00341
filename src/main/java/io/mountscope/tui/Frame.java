package io.mountscope.tui;

import io.mountscope.model.Model;
import io.mountscope.tui.panel.Glyphs;
import io.mountscope.tui.panel.History;
import io.mountscope.tui.panel.Line;
import io.mountscope.tui.panel.Panel;
import io.mountscope.tui.panel.PanelView;
import io.mountscope.tui.panel.Style;
import io.mountscope.tui.panel.TableState;
import java.util.List;

/**
 * Paints one whole frame into the back buffer: header, panels, status bar and any overlay. It
 * is a pure function of its inputs (no clock, no kernel), which is what makes screens testable.
 */
final class Frame {
  private final List<Panel> panels;

  Frame(List<Panel> panels) {
    this.panels = panels;
  }

  /**
   * Everything a frame shows besides the view state: the model shown and its history, the
   * source's label, whether it is live, how long since the last model arrived (ms, live only)
   * and whether that is stale, and the options.
   */
  record Input(Model model, History history, String sourceLabel, boolean live, boolean paused, long feedAgeMillis,
      boolean stale, DashboardOptions options, String message) {}

  void paint(Canvas c, Layout layout, ViewState s, Input in) {
    Glyphs g = c.glyphs();
    Header.paint(c, layout.header(), in);
    for (Panel p : panels) {
      Rect r = layout.panels().get(p.id());
      if (r != null) {
        paintPanel(c, r, p, s, in, g);
      }
    }
    StatusBar.paint(c, layout.status(), s, in, layout);
    if (s.overlay == ViewState.Overlay.HELP) {
      Overlays.paint(c, layout, "Keys and panels (Esc closes)", Overlays.help(in.live(), in.options()), s);
    } else if (s.overlay == ViewState.Overlay.RECIPES) {
      Overlays.paint(c, layout, "Recipes (Enter runs, d dry run, Esc closes)", Overlays.recipes(s, in.options()), s);
    } else if (s.overlay == ViewState.Overlay.RECIPE_RUN && s.recipe != null) {
      RecipePanel.paint(c, layout, s.recipe.snapshot());
    }
  }

  private static void paintPanel(Canvas c, Rect r, Panel p, ViewState s, Input in, Glyphs g) {
    boolean focused = s.focus == p.id();
    TableState t = s.table(p.id());
    String title = p.id().title() + (t.filter().isEmpty() ? "" : " /" + t.filter()) + (s.zoomed ? "  (Esc: back)" : "");
    int iw = Math.max(0, r.w() - 2);
    int ih = Math.max(0, r.h() - 2);
    List<Line> lines;
    try {
      lines = p.render(new PanelView(in.model(), in.history(), t, s.zoomed || ih >= PanelView.DETAIL_ROWS, g), iw, ih);
    } catch (RuntimeException e) {
      // A panel that cannot draw a strange model must not take the dashboard down with it.
      org.slf4j.LoggerFactory.getLogger(Frame.class).warn("panel {} failed to render", p.id(), e);
      lines = List.of(Line.of("cannot show this part: " + e, Style.CRIT));
    }
    int scroll = s.zoomed && focused ? Math.min(t.scroll(), Math.max(0, lines.size() - ih)) : 0;
    if (s.zoomed && focused) {
      t.scroll(scroll);
    }
    String note = null;
    int hidden = lines.size() - scroll - ih;
    if (hidden > 0) {
      note = g.moreBelow() + " " + hidden + " more" + (s.zoomed ? " (arrows scroll)" : " (Enter zooms)");
    } else if (scroll > 0) {
      note = "from line " + (scroll + 1);
    }
    c.box(r, title, focused, note);
    for (int i = 0; i < ih; i++) {
      int li = scroll + i;
      Line l = li < lines.size() ? lines.get(li) : Line.of("");
      c.line(r.x() + 1, r.y() + 1 + i, iw, l, Style.NORMAL);
    }
  }
}
