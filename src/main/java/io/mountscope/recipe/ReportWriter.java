package io.mountscope.recipe;

import io.mountscope.util.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A run's report as two files: {@code BASE.md} for people and {@code BASE.json} (the same fields
 * as {@code --json}) for tools. {@code --report out/run}, {@code out/run.md} and {@code out/run.json}
 * all name the same pair.
 */
public final class ReportWriter {
  private ReportWriter() {}

  /** The two files for a --report argument. */
  public static List<Path> files(Path report) {
    String s = report.toString().replaceAll("\\.(md|json)$", "");
    return List.of(Path.of(s + ".md"), Path.of(s + ".json"));
  }

  public static List<Path> write(RunReport r, Path report) throws IOException {
    List<Path> files = files(report);
    for (Path f : files) {
      if (f.toAbsolutePath().getParent() != null) {
        Files.createDirectories(f.toAbsolutePath().getParent());
      }
    }
    Files.writeString(files.get(0), markdown(r), StandardCharsets.UTF_8);
    Files.writeString(files.get(1), Json.pretty(r) + "\n", StandardCharsets.UTF_8);
    return files;
  }

  public static String markdown(RunReport r) {
    StringBuilder b = new StringBuilder();
    b.append("# ").append(r.title()).append("\n\n");
    b.append("Recipe `").append(r.recipe()).append("` (").append(r.file()).append(") on ").append(r.host())
        .append(", kernel ").append(r.kernel()).append(", ").append(r.startedAt()).append(" to ").append(r.finishedAt())
        .append(r.dryRun() ? " (dry run)" : "").append(".\n\n");
    b.append("**Outcome: ").append(r.outcome()).append("**").append(r.reason() == null ? "" : ": " + r.reason()).append("\n\n");
    if (!r.findings().isEmpty()) {
      b.append("## Findings\n\n");
      r.findings().forEach(f -> b.append("- ").append(f).append('\n'));
      b.append('\n');
    }
    if (!r.parameters().isEmpty()) {
      b.append("## Parameters\n\n| parameter | value |\n|---|---|\n");
      r.parameters().forEach((k, v) -> b.append("| ").append(k).append(" | ").append(cell(v)).append(" |\n"));
      b.append('\n');
    }
    if (!r.comparisons().isEmpty()) {
      b.append("## Comparisons\n\n| id | what | metric | before ms | after ms | ratio (95% CI) | Mann-Whitney p | verdict |\n"
          + "|---|---|---|---|---|---|---|---|\n");
      for (RunReport.ComparisonEntry c : r.comparisons()) {
        var s = c.statistics();
        if (s == null) { // two runs of a plugin's step: its outputs are in Readings
          b.append(String.format(Locale.US, "| %s | %s | %s | | | | | **%s** |%n", c.id(), cell(c.label()),
              cell(c.summary()), c.verdict()));
          continue;
        }
        b.append(String.format(Locale.US, "| %s | %s | %s | %.3f | %.3f | %.2fx (%.2f-%.2f) | %s | **%s** |%n", c.id(),
            cell(c.label()), s.metric().key(), s.before().at(s.metric()), s.after().at(s.metric()), s.ratio(), s.ciLow(),
            s.ciHigh(), s.pValue() < 0.001 ? "< 0.001" : String.format(Locale.US, "%.3f", s.pValue()), c.verdict()));
      }
      b.append('\n');
    }
    for (RunReport.Sweep s : r.sweeps()) {
      b.append("## Sweep ").append(s.id()).append(": ").append(cell(s.label())).append("\n\n");
      b.append("| ").append(s.variable()).append(" | ").append(s.metric()).append(" ms | throughput | within budget |\n")
          .append("|---|---|---|---|\n");
      for (RunReport.Point p : s.points()) {
        b.append(String.format(Locale.US, "| %d | %.3f | %.1f | %s |%n", p.value(), p.metricMs(), p.throughput(),
            s.budgetMs() == null ? "-" : p.withinBudget() ? "yes" : "no"));
      }
      b.append('\n');
      if (s.budgetMs() != null) {
        b.append(String.format(Locale.US, "Budget %.3f ms; knee %s; exceeded: %s.%n%n", s.budgetMs(), s.knee(), s.exceeded()));
      }
      if (s.slopeMsPerUnit() != null) {
        b.append(String.format(Locale.US, "Trend: %.4f ms per 1,000 %s.%n%n", s.slopeMsPerUnit() * 1000, s.variable()));
      }
    }
    if (!r.measurements().isEmpty()) {
      b.append("## Measurements\n\n| id | label | count | failed | seconds | throughput | p50 ms | p95 ms | p99 ms | max ms "
          + "| settings |\n|---|---|---|---|---|---|---|---|---|---|---|\n");
      for (RunReport.Measurement m : r.measurements()) {
        b.append(String.format(Locale.US, "| %s | %s | %d | %d | %.2f | %.1f %s | %.3f | %.3f | %.3f | %.3f | %s |%n",
            m.id(), cell(m.label()), m.count(), m.failed(), m.seconds(), m.throughput(), m.throughputUnit(), m.p50Ms(),
            m.p95Ms(), m.p99Ms(), m.maxMs(), cell(settings(m.settings()))));
      }
      b.append("\nEvery latency histogram is in the JSON report (`measurements[].histogram`, HdrHistogram, ns).\n\n");
    }
    if (!r.readings().isEmpty()) {
      b.append("## Readings of plugin steps\n\n| id | step | plugin | output | value | unit | samples |\n"
          + "|---|---|---|---|---|---|---|\n");
      for (RunReport.ReadingEntry e : r.readings()) {
        for (RunReport.Output o : e.outputs()) {
          b.append(String.format(Locale.US, "| %s | %s | %s | %s | %.4f | %s | %d |%n", e.id(), e.step(), e.plugin(),
              o.name(), o.value(), cell(o.unit()), o.samples().size()));
        }
      }
      b.append('\n');
    }
    if (!r.changes().isEmpty()) {
      b.append("## Changes\n\n| step | actuator | target | old | new | status | journal id | detail |\n"
          + "|---|---|---|---|---|---|---|---|\n");
      for (RunReport.Change c : r.changes()) {
        b.append("| ").append(c.step()).append(" | ").append(c.actuator()).append(" | ").append(cell(c.target()))
            .append(" | ").append(cell(c.oldValue())).append(" | ").append(cell(c.newValue())).append(" | **")
            .append(c.status()).append("** | ").append(cell(c.journalId())).append(" | ").append(cell(c.detail()))
            .append(" |\n");
      }
      b.append('\n');
    }
    if (!r.answers().isEmpty()) {
      b.append("## Answers\n\n| question | asked | answer | from |\n|---|---|---|---|\n");
      for (RunReport.AnswerEntry a : r.answers()) {
        b.append("| ").append(a.id()).append(" | ").append(cell(a.question())).append(" | ").append(a.answer())
            .append(" | ").append(a.source()).append(" |\n");
      }
      b.append('\n');
    }
    b.append("## Steps\n\n| line | step | id | status |\n|---|---|---|---|\n");
    for (RunReport.StepEntry s : r.steps()) {
      b.append("| ").append(s.line()).append(" | ").append(s.kind()).append(" | ").append(cell(s.id())).append(" | ")
          .append(s.status()).append(" |\n");
    }
    return b.toString();
  }

  private static String settings(Map<String, Object> s) {
    StringBuilder b = new StringBuilder();
    s.forEach((k, v) -> b.append(b.length() == 0 ? "" : ", ").append(k).append(' ').append(v));
    return b.toString();
  }

  private static String cell(String s) {
    return s == null ? "" : s.replace("|", "\\|").replace("\n", " ");
  }
}
