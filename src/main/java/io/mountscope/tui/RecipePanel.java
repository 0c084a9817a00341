package io.mountscope.tui;

import io.mountscope.recipe.operator.Question;
import io.mountscope.recipe.operator.TextBlocks;
import io.mountscope.tui.panel.Line;
import io.mountscope.tui.panel.Style;
import io.mountscope.tui.panel.Wrap;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The recipe run over the panels: its transcript (wrapped to the width, following the end unless
 * scrolled back), the progress of the step in flight, the question waiting for a key, and the
 * keys that apply now. A pure function of a {@link RecipeSession.Snapshot}.
 */
final class RecipePanel {
  private RecipePanel() {}

  static void paint(Canvas c, Layout layout, RecipeSession.Snapshot s) {
    // The whole body, between the header and the status bar: the panels are hidden while a recipe talks.
    Rect r = new Rect(0, 1, Math.max(20, Math.min(layout.cols(), c.cols())), Math.max(6, Math.min(layout.rows(), c.rows()) - 2));
    int inner = r.w() - 2;
    List<Line> bottom = bottom(s, inner, c.glyphs().unicode());
    List<Line> body = body(s, inner, c.glyphs().unicode());
    int room = Math.max(1, r.h() - 2 - bottom.size());
    int maxScroll = Math.max(0, body.size() - room);
    int scroll = Math.min(s.scroll(), maxScroll);
    int from = Math.max(0, body.size() - room - scroll);
    String state = s.finished() ? "finished: " + s.outcome() : s.stopping() ? "stopping, rolling back" : "running";
    c.box(r, "Recipe " + s.name() + (s.dryRun() ? " (dry run)" : "") + ": " + state, true,
        scroll > 0 ? "scrolled back " + scroll + " lines" : null);
    int y = r.y() + 1;
    for (int i = 0; i < room; i++) {
      int li = from + i;
      c.line(r.x() + 1, y++, inner, li < body.size() ? body.get(li) : Line.of(""), Style.NORMAL);
    }
    for (Line l : bottom) {
      c.line(r.x() + 1, y++, inner, l, Style.NORMAL);
    }
  }

  private static List<Line> body(RecipeSession.Snapshot s, int width, boolean unicode) {
    List<Line> out = new ArrayList<>();
    for (RecipeSession.Entry e : s.transcript()) {
      if (e.chart() != null) {
        TextBlocks.chart(e.chart(), width, unicode).forEach(l -> out.add(Line.of(l)));
      } else if (e.text().isEmpty()) {
        out.add(Line.of(""));
      } else {
        for (String para : e.text().split("\n")) {
          if (para.length() <= width || e.style() == Style.TABLE_HEAD || para.startsWith("  ")) {
            out.add(Line.of(para, e.style())); // tables and indented text keep their columns (cut if wider)
          } else {
            out.addAll(Wrap.lines("", para, width, e.style()));
          }
        }
      }
    }
    return out;
  }

  /** Progress, question and keys: always in view at the bottom of the panel. */
  private static List<Line> bottom(RecipeSession.Snapshot s, int width, boolean unicode) {
    List<Line> out = new ArrayList<>();
    out.add(Line.of(""));
    if (s.progressLabel() != null) {
      int bar = Math.max(5, Math.min(30, width - s.progressLabel().length() - s.progressStatus().length() - 10));
      int full = (int) Math.round(Math.max(0, Math.min(1, s.fraction())) * bar);
      out.add(new Line().add(s.progressLabel() + " ", Style.BOLD)
          .add((unicode ? "\u2588" : "#").repeat(full) + (unicode ? "\u2591" : ".").repeat(bar - full), Style.INFO)
          .add(String.format(Locale.US, " %3.0f%%  %s", s.fraction() * 100, s.progressStatus())));
    }
    Question q = s.question();
    if (q != null) {
      out.addAll(Wrap.lines("? ", q.text(), width, Style.INPUT));
      if (q.freeText()) {
        out.add(new Line().add("> " + s.typed() + "_", Style.INPUT).add("   Enter: " + (s.typed().isEmpty()
            ? q.defaultChoice() + " (the default)" : "take it") + "   Esc stops the recipe", Style.DIM));
      } else if (q.isYesNo()) {
        out.add(new Line().add(" y ", Style.STATUS_KEY).add(" yes   ").add(" n ", Style.STATUS_KEY).add(" or ")
            .add(" Enter ", Style.STATUS_KEY).add(" no (the default)   ").add(" Esc ", Style.STATUS_KEY)
            .add(" stop the recipe and roll back"));
      } else {
        Line l = new Line();
        for (int i = 0; i < q.choices().size(); i++) {
          l.add(" " + q.choices().get(i) + " ", i == s.choice() ? Style.STATUS_KEY : Style.NORMAL).add(" ");
        }
        out.add(l.add("  (arrows choose, Enter picks, Esc stops)", Style.DIM));
      }
    } else if (s.finished()) {
      out.add(new Line().add(" Esc ", Style.STATUS_KEY).add(" closes   ").add(" arrows ", Style.STATUS_KEY).add(" scroll   ")
          .add("(for a report file: mountscope recipe run " + s.name() + " --report FILE)", Style.DIM));
    } else {
      out.add(new Line().add(" Esc ", Style.STATUS_KEY).add(" stops the recipe and rolls back   ")
          .add(" arrows ", Style.STATUS_KEY).add(" scroll"));
    }
    return out;
  }
}
