package io.mountscope.recipe;

import io.mountscope.recipe.operator.Table;
import io.mountscope.recipe.operator.TextBlocks;
import io.mountscope.recipe.stats.Comparison;
import io.mountscope.recipe.stats.Effect;
import io.mountscope.recipe.stats.Statistics;
import io.mountscope.util.InputException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CancellationException;
import org.apache.commons.statistics.inference.MannWhitneyUTest;

/**
 * Runs plugins' steps and compares two runs of one: the arguments evaluated and checked again by
 * the plugin, the run (contained by plugin.PluginStep: budget, exceptions), every output
 * published as {@code ID.NAME} and recorded; a comparison is a table of every output before and
 * after and, where both runs gave samples, a Mann-Whitney U test of the metric's.
 */
final class PluginSteps {
  private PluginSteps() {}

  static void run(Run run, int line, Step.Plugin s) throws Exception {
    StepKind kind = run.kinds.find(s.kind()).orElseThrow();
    String what = s.kind() + " '" + s.id() + "'";
    if (run.dryRun) {
      List<String> args = new ArrayList<>();
      s.arguments().forEach((k, v) -> args.add(k + " " + run.shown(v, Map.of())));
      run.operator.say("would run " + s.kind() + " (plugin " + kind.plugin() + ": " + kind.describe() + ")"
          + (args.isEmpty() ? "" : " with " + String.join(", ", args)));
      return;
    }
    Map<String, Object> args = PluginStepCheck.check(run.recipe, line, what, s, kind, run.values, false);
    run.checkCancelled();
    long start = System.nanoTime();
    List<StepKind.Reading> got;
    try {
      got = kind.run(s.id(), args, Collections.unmodifiableMap(new LinkedHashMap<>(run.values)), run.operator::say,
          run::cancelled);
    } catch (CancellationException e) {
      run.checkCancelled();
      throw e;
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    List<RunReport.Output> outputs = new ArrayList<>();
    List<List<String>> rows = new ArrayList<>();
    for (StepKind.Output o : kind.outputs()) {
      StepKind.Reading r = got.stream().filter(g -> o.name().equals(g.name())).findFirst().orElseThrow(() ->
          new IllegalStateException(what + ": plugin " + kind.plugin() + " returned no value for its output '" + o.name()
              + "'"));
      if (!Double.isFinite(r.value())) {
        throw new IllegalStateException(what + ": plugin " + kind.plugin() + " returned " + r.value() + " for '"
            + o.name() + "'");
      }
      outputs.add(new RunReport.Output(o.name(), r.value(), o.unit(), r.samples()));
      run.put(s.id() + "." + o.name(), r.value());
      rows.add(List.of(o.name(), TextBlocks.number(r.value()), o.unit(), r.samples().isEmpty() ? ""
          : Integer.toString(r.samples().size())));
    }
    run.readings.put(s.id(), new RunReport.ReadingEntry(s.id(), s.kind(), kind.plugin(), seconds, List.copyOf(outputs)));
    run.operator.table(new Table(s.id() + ": " + kind.describe(), List.of("output", "value", "unit", "samples"), rows));
  }

  static void compare(Run run, Step.Compare c) {
    if (run.dryRun) {
      run.operator.say("would compare " + c.after().text() + " against " + c.before().text());
      return;
    }
    RunReport.ReadingEntry before = reading(run, c.before());
    RunReport.ReadingEntry after = reading(run, c.after());
    String metric = c.metric() == null ? before.outputs().get(0).name() : c.metric().text();
    double alpha = c.alpha() == null ? Statistics.DEFAULT_ALPHA : run.number(c.alpha(), Map.of());
    double minEffect = c.minEffect() == null ? Statistics.DEFAULT_MIN_EFFECT : run.number(c.minEffect(), Map.of());
    String label = c.label() == null ? after.id() + " against " + before.id() : run.text(c.label());
    List<RunReport.OutputRow> rows = new ArrayList<>();
    List<List<String>> table = new ArrayList<>();
    for (int i = 0; i < before.outputs().size(); i++) {
      RunReport.Output b = before.outputs().get(i);
      RunReport.Output a = after.outputs().get(i);
      Double ratio = b.value() == 0 ? (a.value() == 0 ? (Double) 1.0 : null) : (Double) (a.value() / b.value());
      rows.add(new RunReport.OutputRow(b.name(), b.unit(), b.value(), a.value(), ratio));
      table.add(List.of(b.name() + (b.unit().isEmpty() ? "" : " (" + b.unit() + ")"), TextBlocks.number(b.value()),
          TextBlocks.number(a.value()), ratio == null ? "-" : String.format(Locale.US, "%.2fx", ratio)));
    }
    run.operator.table(new Table(label, List.of("", before.id(), after.id(), "after/before"), table));
    RunReport.OutputRow m = rows.stream().filter(r -> r.name().equals(metric)).findFirst().orElseThrow();
    List<Double> xb = samples(before, metric);
    List<Double> xa = samples(after, metric);
    Effect verdict = Effect.NO_DIFFERENCE;
    String test;
    if (xb.size() >= 2 && xa.size() >= 2) {
      double p = MannWhitneyUTest.withDefaults().test(array(xa), array(xb)).getPValue();
      double ratio = m.ratio() == null ? Double.POSITIVE_INFINITY : m.ratio();
      verdict = verdict(ratio, p, alpha, minEffect);
      test = String.format(Locale.US, "Mann-Whitney p %s (%d against %d samples)", Comparison.pText(p), xb.size(),
          xa.size());
    } else {
      test = "no test: " + (xb.size() < 2 ? before.id() : after.id()) + " gave no samples of " + metric;
    }
    String summary = String.format(Locale.US, "%s %s, %s: %s", metric, m.ratio() == null ? "from 0"
        : String.format(Locale.US, "%.2fx", m.ratio()), test, verdict.words());
    run.operator.say("verdict: " + verdict.words().toUpperCase(Locale.ROOT) + " (" + summary + "; lower is better)");
    String id = c.id() == null ? "compare-" + run.comparisons.size() : c.id();
    run.comparisons.add(new RunReport.ComparisonEntry(id, label, before.id(), after.id(), verdict, summary, null,
        List.copyOf(rows)));
    run.finding(label + ": " + summary);
    if (c.id() != null) {
      run.put(c.id() + ".verdict", verdict.words());
      run.put(c.id() + ".ratio", m.ratio() == null ? Double.POSITIVE_INFINITY : m.ratio());
    }
  }

  /** Lower is better, as for latencies: better only when the U test rejects and the change is at least minEffect. */
  static Effect verdict(double ratio, double p, double alpha, double minEffect) {
    if (p < alpha && ratio <= 1 - minEffect) {
      return Effect.BETTER;
    }
    if (p < alpha && ratio >= 1 + minEffect) {
      return Effect.WORSE;
    }
    return Effect.NO_DIFFERENCE;
  }

  private static RunReport.ReadingEntry reading(Run run, Value ref) {
    RunReport.ReadingEntry e = run.readings.get(ref.text());
    if (e == null) {
      throw new InputException(run.recipe.at(ref.line()) + ": nothing was read as '" + ref.text()
          + "' (was its step passed over?)");
    }
    return e;
  }

  private static List<Double> samples(RunReport.ReadingEntry e, String output) {
    return e.outputs().stream().filter(o -> o.name().equals(output)).findFirst().map(RunReport.Output::samples)
        .orElse(List.of());
  }

  private static double[] array(List<Double> xs) {
    return xs.stream().mapToDouble(Double::doubleValue).toArray();
  }
}
