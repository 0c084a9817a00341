package io.mountscope.recipe;

import io.mountscope.recipe.operator.BarChart;
import io.mountscope.recipe.operator.Operator;
import io.mountscope.recipe.operator.Table;
import io.mountscope.recipe.operator.TextBlocks;
import io.mountscope.recipe.stats.Comparison;
import io.mountscope.recipe.stats.Summary;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** How measurements, comparisons and sweeps are shown to the operator: one line, tables, bar charts. */
final class Display {
  private Display() {}

  /** "per-layer: 480 starts in 1.0 s, 479 starts/s; ms p50 2.94  p95 8.77  p99 48.7  max 82.3" */
  static String line(RunReport.Measurement m) {
    String what = m.throughputUnit().equals("reads/s") ? "reads" : "starts";
    return String.format(Locale.US, "%s: %,d %s in %.1f s, %s %s%s; ms p50 %s  p95 %s  p99 %s  max %s", m.label(),
        m.count(), what, m.seconds(), TextBlocks.number(m.throughput()), m.throughputUnit(),
        m.failed() > 0 ? " (" + m.failed() + " failed)" : "", TextBlocks.number(m.p50Ms()), TextBlocks.number(m.p95Ms()),
        TextBlocks.number(m.p99Ms()), TextBlocks.number(m.maxMs()));
  }

  static void comparison(Operator op, String title, RunReport.Measurement before, RunReport.Measurement after,
      Comparison c) {
    Summary b = c.before();
    Summary a = c.after();
    List<List<String>> rows = new ArrayList<>();
    rows.add(row("p50 ms", b.p50(), a.p50(), c.metric().key().equals("p50") ? ci(c) : ratio(a.p50(), b.p50())));
    rows.add(row("p95 ms", b.p95(), a.p95(), c.metric().key().equals("p95") ? ci(c) : ratio(a.p95(), b.p95())));
    rows.add(row("p99 ms", b.p99(), a.p99(), c.metric().key().equals("p99") ? ci(c) : ratio(a.p99(), b.p99())));
    rows.add(row("max ms", b.max(), a.max(), ratio(a.max(), b.max())));
    rows.add(row(before.throughputUnit(), b.throughput(), a.throughput(), ratio(a.throughput(), b.throughput())));
    rows.add(List.of("count", String.format(Locale.US, "%,d", b.count()), String.format(Locale.US, "%,d", a.count()), ""));
    op.table(new Table(title, List.of("", before.label(), after.label(), "after/before"), rows));
    op.chart(new BarChart("latency, ms", "ms", List.of(
        new BarChart.Bar("p50 " + before.label(), b.p50(), ""),
        new BarChart.Bar("p50 " + after.label(), a.p50(), ""),
        new BarChart.Bar("p99 " + before.label(), b.p99(), ""),
        new BarChart.Bar("p99 " + after.label(), a.p99(), ""))));
    op.say(String.format(Locale.US, "Mann-Whitney U test: p %s (U = %.0f, %,d against %,d values); %s ratio %.2fx, "
        + "bootstrap 95%% CI %.2f-%.2f", Comparison.pText(c.pValue()), c.mannWhitneyU(), c.testedBefore(), c.testedAfter(),
        c.metric().key(), c.ratio(), c.ciLow(), c.ciHigh()));
    op.say("verdict: " + c.verdict().words().toUpperCase(Locale.ROOT) + " (" + explain(c) + ")");
  }

  /** Why the verdict is what it is, in one clause. */
  static String explain(Comparison c) {
    return switch (c.verdict()) {
      case BETTER -> String.format(Locale.US, "%s is %.0f%% lower after, and the difference is significant",
          c.metric().key(), (1 - c.ratio()) * 100);
      case WORSE -> String.format(Locale.US, "%s is %.0f%% higher after, and the difference is significant",
          c.metric().key(), (c.ratio() - 1) * 100);
      case NO_DIFFERENCE -> c.pValue() >= c.alpha() ? String.format(Locale.US,
          "the U test finds no significant shift at alpha %.2f", c.alpha())
          : c.ciLow() <= 1 && c.ciHigh() >= 1 ? "the confidence interval of the ratio includes 1"
          : String.format(Locale.US, "the change of %s is under the %.0f%% that counts", c.metric().key(),
              c.minEffect() * 100);
    };
  }

  static void sweep(Operator op, RunReport.Sweep s, List<RunReport.Measurement> points) {
    List<List<String>> rows = new ArrayList<>();
    List<BarChart.Bar> bars = new ArrayList<>();
    boolean table = points.stream().anyMatch(p -> p.tableSize() != null);
    for (int i = 0; i < points.size(); i++) {
      RunReport.Measurement m = points.get(i);
      RunReport.Point p = s.points().get(i);
      List<String> row = new ArrayList<>(List.of(Long.toString(p.value())));
      if (table) {
        row.add(String.format(Locale.US, "%,d", m.tableSize()));
      }
      row.addAll(List.of(TextBlocks.number(m.p50Ms()), TextBlocks.number(m.p95Ms()), TextBlocks.number(m.p99Ms()),
          TextBlocks.number(m.maxMs()), TextBlocks.number(m.throughput())));
      if (s.budgetMs() != null) {
        row.add(p.withinBudget() ? "within" : "OVER");
      }
      rows.add(row);
      bars.add(new BarChart.Bar(s.variable() + " " + p.value(), p.metricMs(),
          s.budgetMs() == null ? "" : p.withinBudget() ? "" : "over budget"));
    }
    List<String> headers = new ArrayList<>(List.of(s.variable()));
    if (table) {
      headers.add("table");
    }
    headers.addAll(List.of("p50 ms", "p95 ms", "p99 ms", "max ms", points.get(0).throughputUnit()));
    if (s.budgetMs() != null) {
      headers.add(String.format(Locale.US, "budget %s ms", TextBlocks.number(s.budgetMs())));
    }
    op.table(new Table(s.label(), headers, rows));
    op.chart(new BarChart(s.metric() + " by " + s.variable() + ", ms", "ms", bars));
  }

  private static List<String> row(String name, double before, double after, String ratio) {
    return List.of(name, TextBlocks.number(before), TextBlocks.number(after), ratio);
  }

  private static String ratio(double after, double before) {
    return before > 0 ? String.format(Locale.US, "%.2fx", after / before) : "-";
  }

  private static String ci(Comparison c) {
    return String.format(Locale.US, "%.2fx (95%% CI %.2f-%.2f)", c.ratio(), c.ciLow(), c.ciHigh());
  }
}
