package io.mountscope.recipe;

import io.mountscope.recipe.operator.Progress;
import io.mountscope.recipe.operator.TextBlocks;
import io.mountscope.recipe.stats.Comparison;
import io.mountscope.recipe.stats.Effect;
import io.mountscope.recipe.stats.Histograms;
import io.mountscope.recipe.stats.Metric;
import io.mountscope.recipe.stats.Statistics;
import io.mountscope.recipe.stats.Summary;
import io.mountscope.recipe.workload.MountinfoBench;
import io.mountscope.recipe.workload.Outcome;
import io.mountscope.recipe.workload.StressWorkload;
import io.mountscope.util.InputException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The steps that run workloads and compare what they measured: measure, sweep, compare. */
final class MeasureSteps {
  private MeasureSteps() {}

  static void measure(Run run, Step.Measure m) throws Exception {
    Map<String, Object> local = new LinkedHashMap<>();
    if (m.set() != null) {
      m.set().forEach((k, v) -> local.put(k, run.eval(v)));
    }
    String label = m.label() == null ? m.id() : run.shown(m.label(), local);
    Measured r = workload(run, m.id(), label, m.workload(), local);
    if (r != null) {
      publish(run, m.id(), r.report());
    }
  }

  static void publish(Run run, String id, RunReport.Measurement r) {
    run.put(id + ".p50", r.p50Ms());
    run.put(id + ".p95", r.p95Ms());
    run.put(id + ".p99", r.p99Ms());
    run.put(id + ".max", r.maxMs());
    run.put(id + ".rate", r.throughput());
    run.put(id + ".count", r.count());
  }

  /** Runs a declared workload and records it under {@code id}; null in a dry run (it is only described). */
  static Measured workload(Run run, String id, String label, Value ref, Map<String, Object> local) throws Exception {
    Workload w = run.recipe.workloads().get(ref.text());
    String shape;
    StressWorkload.Shape stress = null;
    if (w instanceof Workload.Stress s) {
      try {
        stress = StressWorkload.shape(run.text(s.pattern(), local), intOrNull(run, s.layers(), local),
            intOrNull(run, s.threads(), local), intOrNull(run, s.starts(), local), numOrNull(run, s.duration(), local),
            numOrNull(run, s.warmup(), local), s.cpus() == null ? null : Template.show(run.eval(s.cpus(), local)),
            intOrNull(run, s.node(), local), run.actuators.cap().current());
        shape = "storm " + stress.describe();
      } catch (Template.Unresolved e) {
        if (!run.dryRun) {
          throw e;
        }
        shape = "storm of workload " + ref.text() + " (its values come from earlier steps)";
      }
    } else {
      Workload.Mountinfo mi = (Workload.Mountinfo) w;
      shape = String.format(Locale.US, "%s reads of mountinfo with %s extra mounts (private namespace)",
          run.shown(mi.reads(), local), run.shown(mi.extraMounts(), local));
    }
    if (run.dryRun) {
      run.operator.say("would measure " + label + ": " + shape);
      return null;
    }
    run.checkCancelled();
    run.operator.say("measuring " + label + ": " + shape);
    Outcome o;
    try (Progress p = run.operator.progress(label)) {
      if (stress != null) {
        o = StressWorkload.run(stress, p, run::storm);
      } else {
        Workload.Mountinfo mi = (Workload.Mountinfo) w;
        o = MountinfoBench.run((int) run.integer(mi.extraMounts(), local), (int) run.integer(mi.reads(), local), p,
            run::cancelled);
      }
    }
    run.checkCancelled();
    Summary s = Summary.of(o.histogram(), o.throughput());
    RunReport.Measurement m = new RunReport.Measurement(id, label, ref.text(), o.settings(), s.count(), o.failed(),
        o.seconds(), o.throughput(), o.unit(), s.p50(), s.p95(), s.p99(), s.max(), o.tableSize(),
        Histograms.encode(o.histogram()));
    Measured r = new Measured(m, o.histogram());
    run.measured.put(id, r);
    run.operator.say(Display.line(m));
    if (o.failed() > 0) {
      run.operator.warn(o.failed() + " starts failed: " + o.settings().getOrDefault("errors", "see the log"));
    }
    return r;
  }

  private static Long intOrNull(Run run, Value v, Map<String, Object> local) {
    return v == null ? null : run.integer(v, local);
  }

  private static Double numOrNull(Run run, Value v, Map<String, Object> local) {
    return v == null ? null : run.number(v, local);
  }

  static void sweep(Run run, Step.Sweep s) throws Exception {
    List<Long> values = values(run, s);
    Metric metric = s.metric() == null ? Metric.P99 : Metric.of(s.metric().text());
    String label = s.label() == null ? s.id() : run.text(s.label());
    if (run.dryRun) {
      run.operator.say("would sweep " + s.as() + " over " + values + " (" + label + "), one measurement each");
      workload(run, s.id() + "[" + values.get(0) + "]", label, s.workload(), Map.of(s.as(), values.get(0)));
      return;
    }
    List<Measured> points = new ArrayList<>();
    for (long v : values) {
      points.add(workload(run, s.id() + "[" + v + "]", s.as() + " " + v, s.workload(), Map.of(s.as(), v)));
    }
    Double budget = null;
    if (s.budgetMs() != null) {
      double b = run.number(s.budgetMs(), Map.of());
      budget = b > 0 ? b : 2 * at(points.get(0), metric); // 0: twice the first value's, written in the recipe's docs
    }
    List<RunReport.Point> pts = new ArrayList<>();
    Long knee = budget == null ? null : 0L;
    boolean exceeded = false;
    for (int i = 0; i < points.size(); i++) {
      double x = at(points.get(i), metric);
      boolean within = budget == null || x <= budget;
      pts.add(new RunReport.Point(values.get(i), points.get(i).report().id(), x, points.get(i).report().throughput(), within));
      if (budget != null && within && !exceeded) {
        knee = values.get(i);
      }
      exceeded |= !within;
    }
    Double slope = Boolean.TRUE.equals(s.trend()) ? slope(values, points) : null;
    RunReport.Sweep report = new RunReport.Sweep(s.id(), label, s.as(), metric.key(), pts, budget, knee, exceeded, slope,
        null);
    Display.sweep(run.operator, report, points.stream().map(Measured::report).toList());
    if (slope != null) {
      run.operator.say(String.format(Locale.US, "trend: the median grows by %s ms per 1,000 %s (least squares)",
          TextBlocks.number(slope * 1000), s.as()));
    }
    if (budget != null) {
      run.operator.say(exceeded ? String.format(Locale.US, "%s stays within %s ms up to %s %d", metric.key(),
          TextBlocks.number(budget), s.as(), knee)
          : String.format(Locale.US, "%s stays within %s ms at every %s measured", metric.key(),
              TextBlocks.number(budget), s.as()));
    }
    Effect verdict = null;
    if (points.size() > 1) {
      Comparison c = compare(run, s.id(), s.as() + " " + values.get(values.size() - 1) + " against " + s.as() + " "
          + values.get(0), points.get(0), points.get(points.size() - 1), metric, Statistics.DEFAULT_ALPHA,
          Statistics.DEFAULT_MIN_EFFECT);
      verdict = c.verdict();
    }
    run.sweeps.add(new RunReport.Sweep(s.id(), label, s.as(), metric.key(), pts, budget, knee, exceeded, slope,
        verdict == null ? null : verdict.words()));
    run.put(s.id() + ".knee", knee == null ? values.get(values.size() - 1) : knee);
    run.put(s.id() + ".exceeded", exceeded);
    run.put(s.id() + ".budget", budget == null ? 0.0 : budget);
    run.put(s.id() + ".verdict", verdict == null ? "none" : verdict.words());
    run.put(s.id() + ".first", values.get(0));
    run.put(s.id() + ".last", values.get(values.size() - 1));
  }

  /** The listed values, or {@code points} geometric steps from..to, rounded and without repeats. */
  static List<Long> values(Run run, Step.Sweep s) {
    Set<Long> out = new LinkedHashSet<>();
    if (s.values() != null && !s.values().isEmpty()) {
      for (Value v : s.values()) {
        out.add(run.integer(v, Map.of()));
      }
    } else {
      long from = run.integer(s.from(), Map.of());
      long to = run.integer(s.to(), Map.of());
      long n = s.points() == null ? 6 : run.integer(s.points(), Map.of());
      if (from < 1 || to < from || n < 2) {
        throw new InputException(run.recipe.at(s.from().line()) + ": sweep " + s.id() + ": from " + from + " to " + to
            + " in " + n + " points: needs 1 <= from <= to and at least 2 points");
      }
      for (int i = 0; i < n; i++) {
        out.add(Math.round(from * Math.pow((double) to / from, i / (double) (n - 1))));
      }
    }
    return new ArrayList<>(out);
  }

  private static double at(Measured m, Metric metric) {
    return switch (metric) {
      case P50 -> m.report().p50Ms();
      case P95 -> m.report().p95Ms();
      case P99 -> m.report().p99Ms();
    };
  }

  /** Least-squares slope of the median (ms) against the swept value. */
  static double slope(List<Long> xs, List<Measured> points) {
    int n = xs.size();
    double mx = xs.stream().mapToLong(Long::longValue).average().orElse(0);
    double my = points.stream().mapToDouble(p -> p.report().p50Ms()).average().orElse(0);
    double num = 0;
    double den = 0;
    for (int i = 0; i < n; i++) {
      double dx = xs.get(i) - mx;
      num += dx * (points.get(i).report().p50Ms() - my);
      den += dx * dx;
    }
    return den == 0 ? 0 : num / den;
  }

  static void compare(Run run, Step.Compare c) {
    if (run.kindOf(c.before().text()) != null) {
      PluginSteps.compare(run, c);
      return;
    }
    if (run.dryRun) {
      run.operator.say("would compare " + c.after().text() + " against " + c.before().text());
      return;
    }
    Measured before = resolve(run, c.before());
    Measured after = resolve(run, c.after());
    Metric metric = c.metric() == null ? Metric.P50 : Metric.of(c.metric().text());
    double alpha = c.alpha() == null ? Statistics.DEFAULT_ALPHA : run.number(c.alpha(), Map.of());
    double minEffect = c.minEffect() == null ? Statistics.DEFAULT_MIN_EFFECT : run.number(c.minEffect(), Map.of());
    String label = c.label() == null ? after.report().label() + " against " + before.report().label() : run.text(c.label());
    Comparison cmp = compare(run, c.id() == null ? "compare-" + run.comparisons.size() : c.id(), label, before, after,
        metric, alpha, minEffect);
    if (c.id() != null) {
      run.put(c.id() + ".verdict", cmp.verdict().words());
      run.put(c.id() + ".ratio", cmp.ratio());
    }
  }

  /** Compares, shows the table, chart and verdict, and records the comparison and a finding. */
  static Comparison compare(Run run, String id, String label, Measured before, Measured after, Metric metric,
      double alpha, double minEffect) {
    Comparison cmp = Statistics.compare(metric, before.histogram(), before.report().throughput(), after.histogram(),
        after.report().throughput(), alpha, minEffect);
    Display.comparison(run.operator, label, before.report(), after.report(), cmp);
    run.comparisons.add(new RunReport.ComparisonEntry(id, label, before.report().id(), after.report().id(), cmp.verdict(),
        cmp.oneLine(), cmp, null));
    run.finding(label + ": " + cmp.oneLine());
    return cmp;
  }

  private static Measured resolve(Run run, Value ref) {
    String t = ref.text();
    String id = t;
    if (t.contains("[")) {
      String base = t.substring(0, t.indexOf('['));
      String which = t.substring(t.indexOf('[') + 1, t.length() - 1);
      List<String> ids = run.measured.keySet().stream().filter(k -> k.startsWith(base + "[")).toList();
      id = which.equals("first") ? ids.get(0) : which.equals("last") ? ids.get(ids.size() - 1) : base + "[" + which + "]";
    }
    Measured m = run.measured.get(id);
    if (m == null) {
      throw new InputException(run.recipe.at(ref.line()) + ": nothing was measured as '" + t + "'"
          + " (was its step passed over?)");
    }
    return m;
  }
}
