package io.mountscope.tui.panel;

import io.mountscope.model.Model;
import io.mountscope.model.ProbeStatus;
import io.mountscope.model.Sysctl;
import io.mountscope.model.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What is wrong: the verdicts, worst first, with their evidence and the recipes to run next; and
 * which probes are not delivering, with the reason, so an empty panel elsewhere explains itself.
 */
public final class DiagnosisPanel implements Panel {
  @Override
  public PanelId id() {
    return PanelId.DIAGNOSIS;
  }

  @Override
  public List<String> sortColumns() {
    return List.of();
  }

  @Override
  public List<Line> render(PanelView v, int width, int height) {
    Model m = v.model();
    if (m == null) {
      return v.notCollected(width, "diagnosis");
    }
    Glyphs g = v.glyphs();
    List<Line> out = new ArrayList<>();
    List<Verdict> verdicts = sorted(m.verdicts());
    if (m.verdicts() == null) {
      out.addAll(v.notCollected(width, "verdicts", "diagnosis"));
    } else if (verdicts.isEmpty()) {
      out.add(Line.of(g.bullet() + " no findings: no rule fired", Style.OK));
    }
    for (Verdict verdict : verdicts) {
      if (!v.table().matches(verdict.title() + " " + verdict.id() + " " + String.join(" ", verdict.evidence()))) {
        continue;
      }
      Style s = Style.of(verdict.severity());
      String sev = verdict.severity() == null ? "" : verdict.severity().json().toUpperCase(Locale.ROOT) + " ";
      out.add(new Line().add(g.bullet() + " " + sev, s).add(verdict.title(), Style.BOLD));
      boolean detail = v.detailed() || verdicts.size() == 1;
      if (detail) {
        for (String e : PanelView.orEmpty(verdict.evidence())) {
          out.addAll(Wrap.lines("  - ", e, width, Style.NORMAL));
        }
      }
      if (!PanelView.orEmpty(verdict.next()).isEmpty()) {
        out.add(new Line().add("  next: ", Style.DIM).add(String.join(", ", verdict.next()), Style.INFO));
      }
    }
    // Probes before sysctls: the eleven sysctls with their reasons fill a tall panel by themselves.
    List<Line> probes = probeLines(m.probes(), width, v.detailed());
    if (!probes.isEmpty() && (v.detailed() || out.size() < height)) {
      out.add(Line.of(v.detailed() ? "probes" : "probes not ok:", Style.DIM));
      out.addAll(probes);
    }
    List<Sysctl> sysctls = PanelView.orEmpty(m.sysctls());
    if (v.detailed() && !sysctls.isEmpty()) {
      out.add(Line.of("sysctls", Style.DIM));
      for (Sysctl s : sysctls) {
        out.addAll(Wrap.lines(String.format(Locale.US, "  %s = %s:", s.key(), s.value() == null ? "(unreadable)" : s.value()),
            s.why() == null ? "" : s.why(), width, Style.NORMAL));
      }
    }
    return out;
  }

  /** Verdicts, critical first; the order of the diagnosis within a severity. */
  public static List<Verdict> sorted(List<Verdict> verdicts) {
    List<Verdict> out = new ArrayList<>(PanelView.orEmpty(verdicts));
    out.sort((a, b) -> rank(b) - rank(a));
    return out;
  }

  private static int rank(Verdict v) {
    return v.severity() == null ? -1 : v.severity().ordinal();
  }

  /** Zoomed: every probe with its state and time; else only the ones that are not ok. */
  private static List<Line> probeLines(Map<String, ProbeStatus> probes, int width, boolean all) {
    List<Line> out = new ArrayList<>();
    if (probes == null) {
      return out;
    }
    probes.forEach((name, s) -> {
      boolean ok = ProbeStatus.OK.equals(s.state());
      if (!ok || all) {
        Style st = ok ? Style.OK : ProbeStatus.OFF.equals(s.state()) ? Style.DIM : Style.WARN;
        String head = String.format(Locale.US, "  %-13s %s", name, s.state());
        if (ok) {
          out.add(Line.of(head + " " + s.tookMillis() + "ms", st));
        } else {
          out.addAll(Wrap.lines(head + (s.reason() == null ? "" : ":"), s.reason() == null ? "" : s.reason(), width, st));
        }
      }
    });
    return out;
  }
}
