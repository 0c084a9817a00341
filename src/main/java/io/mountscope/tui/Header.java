package io.mountscope.tui;

import io.mountscope.model.Model;
import io.mountscope.model.Verdict;
import io.mountscope.tui.panel.DiagnosisPanel;
import io.mountscope.tui.panel.Glyphs;
import io.mountscope.tui.panel.History;
import io.mountscope.tui.panel.Line;
import io.mountscope.tui.panel.Style;
import io.mountscope.tui.panel.Units;
import io.mountscope.util.Fmt;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * The two header rows: the node (host, kernel, uptime) and the sampling state (live, paused,
 * stale, or a replay banner that says it is not live); then the top verdict in plain words.
 */
final class Header {
  private Header() {}

  static void paint(Canvas c, Rect r, Frame.Input in) {
    if (r.h() < 1) {
      return;
    }
    Glyphs g = c.glyphs();
    Model m = in.model();
    Style bar = in.live() ? Style.HEADER : Style.BANNER;
    Line left = new Line().add(" mountscope ", bar);
    if (m != null && m.host() != null) {
      left.add(" " + m.host().name(), bar);
    }
    if (m != null && m.kernel() != null) {
      left.add(g.separator() + m.kernel().release(), Style.HEADER_DIM);
    }
    if (m != null && m.host() != null) {
      left.add(g.separator() + "up " + Fmt.duration(m.host().uptimeSeconds()), Style.HEADER_DIM);
    }
    String clock = m == null || m.time() == null ? "--:--:--"
        : DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT).withZone(in.options().zone())
            .format(Instant.ofEpochMilli(History.timeOf(m)));
    Line right;
    if (!in.live()) {
      right = Line.of(" REPLAY - NOT LIVE: " + in.sourceLabel() + " ", Style.BANNER);
    } else if (in.stale()) {
      right = Line.of(" STALE: no sample for " + Units.age(in.feedAgeMillis()) + " ", Style.BANNER);
    } else if (in.paused()) {
      right = Line.of(" PAUSED at " + clock + " (p resumes) ", Style.BANNER);
    } else {
      right = new Line().add("live, " + in.sourceLabel() + "  ", Style.HEADER_DIM).add(clock + " ", bar);
    }
    int rightWidth = Math.min(right.length(), r.w());
    c.line(r.x(), r.y(), r.w() - rightWidth, left, bar);
    c.line(r.right() - rightWidth, r.y(), rightWidth, right, bar);
    if (r.h() > 1) {
      c.line(r.x(), r.y() + 1, r.w(), verdictLine(m, g), Style.NORMAL);
    }
  }

  /** The worst verdict in one line, with how many more there are. */
  static Line verdictLine(Model m, Glyphs g) {
    if (m == null) {
      return Line.of(" waiting for the first sample", Style.DIM);
    }
    if (m.verdicts() == null) {
      return Line.of(" diagnosis not collected", Style.DIM);
    }
    List<Verdict> v = DiagnosisPanel.sorted(m.verdicts());
    if (v.isEmpty()) {
      return new Line().add(" " + g.bullet() + " ", Style.OK).add("no findings on the latest sample", Style.OK);
    }
    Verdict top = v.get(0);
    Style s = Style.of(top.severity());
    Line l = new Line().add(" " + g.bullet() + " ", s)
        .add(top.severity() == null ? "" : top.severity().json().toUpperCase(Locale.ROOT) + " ", s)
        .add(top.title(), Style.BOLD);
    if (!top.next().isEmpty()) {
      l.add(" -> " + String.join(", ", top.next()), Style.INFO);
    }
    if (v.size() > 1) {
      l.add("  (+" + (v.size() - 1) + " more in Diagnosis)", Style.DIM);
    }
    return l;
  }
}
