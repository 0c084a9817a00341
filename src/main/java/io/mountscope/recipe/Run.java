package io.mountscope.recipe;

import io.mountscope.recipe.actuator.Actuators;
import io.mountscope.recipe.operator.Answer;
import io.mountscope.recipe.operator.Cancelled;
import io.mountscope.recipe.operator.Operator;
import io.mountscope.recipe.operator.Question;
import io.mountscope.stress.StressRun;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The state of one recipe run, owned by the thread that runs it: the values of names
 * (parameters, facts, step outputs), measurements, comparisons, changes, answers and findings.
 * Only {@link #cancel} comes from elsewhere (a signal's shutdown hook, the dashboard).
 */
final class Run {
  final Recipe recipe;
  final Operator operator;
  final boolean dryRun;
  final Actuators actuators;
  final ChangeSet changes;
  final String startedAt = Instant.now().toString();
  final Map<String, Object> values = new LinkedHashMap<>();
  final Map<String, String> parameterText = new LinkedHashMap<>();
  final Map<String, Measured> measured = new LinkedHashMap<>();
  final StepKinds kinds;
  final Map<String, RunReport.ReadingEntry> readings = new LinkedHashMap<>();
  final List<RunReport.Sweep> sweeps = new ArrayList<>();
  final List<RunReport.ComparisonEntry> comparisons = new ArrayList<>();
  final List<RunReport.AnswerEntry> answers = new ArrayList<>();
  final List<String> findings = new ArrayList<>();
  final List<RunReport.StepEntry> steps = new ArrayList<>();
  final CountDownLatch finished = new CountDownLatch(1);
  private volatile String cancelledBy;
  private volatile StressRun storm;

  Run(Recipe recipe, Operator operator, boolean dryRun, Actuators actuators, StepKinds kinds, ChangeSet changes,
      Map<String, Object> facts, Map<String, Object> params) {
    this.recipe = recipe;
    this.kinds = kinds;
    this.operator = operator;
    this.dryRun = dryRun;
    this.actuators = actuators;
    this.changes = changes;
    values.putAll(facts);
    values.putAll(params);
    params.forEach((k, v) -> parameterText.put(k, Template.show(v)));
  }

  /** The value of a template with extra local names (a sweep's variable, a measure's set:). */
  Object eval(Value v, Map<String, Object> local) {
    Map<String, Object> scope = local.isEmpty() ? values : merged(local);
    return v.template().eval(scope::get);
  }

  Object eval(Value v) {
    return eval(v, Map.of());
  }

  String text(Value v) {
    return v == null ? null : Template.show(eval(v));
  }

  String text(Value v, Map<String, Object> local) {
    return v == null ? null : Template.show(eval(v, local));
  }

  /** The text of a template, or the template itself where a dry run cannot know a value yet. */
  String shown(Value v, Map<String, Object> local) {
    try {
      return Template.show(eval(v, local));
    } catch (Template.Unresolved e) {
      return v.text();
    }
  }

  long integer(Value v, Map<String, Object> local) {
    Object o = Params.coerce(Type.INT, eval(v, local));
    if (o == null) {
      throw new IllegalArgumentException(recipe.at(v.line()) + ": '" + v.text() + "' is not an integer");
    }
    return (Long) o;
  }

  double number(Value v, Map<String, Object> local) {
    Object o = Params.coerce(Type.NUMBER, eval(v, local));
    if (o == null) {
      throw new IllegalArgumentException(recipe.at(v.line()) + ": '" + v.text() + "' is not a number");
    }
    return (Double) o;
  }

  private Map<String, Object> merged(Map<String, Object> local) {
    Map<String, Object> m = new LinkedHashMap<>(values);
    m.putAll(local);
    return m;
  }

  /** Publishes a step's output. */
  void put(String name, Object value) {
    values.put(name, value);
  }

  /** Outputs of a step passed over by its when: false, 0 and "skipped", so later conditions can test them. */
  void passOver(Step s) {
    Outputs.of(s, kinds).forEach((name, type) -> values.putIfAbsent(name, switch (type) {
      case BOOL -> Boolean.FALSE;
      case INT -> 0L;
      case NUMBER -> 0.0;
      case STRING -> "skipped";
    }));
  }

  /** The plugin step kind of the step with {@code id}, or null when it is not a plugin's step. */
  StepKind kindOf(String id) {
    for (Recipe.Located l : recipe.steps()) {
      if (l.step() instanceof Step.Plugin p && id.equals(p.id())) {
        return kinds.find(p.kind()).orElse(null);
      }
    }
    return null;
  }

  /** Asks the operator and records the answer with its source. */
  Answer ask(Question q) {
    checkCancelled();
    Answer a = operator.answer(q);
    answers.add(new RunReport.AnswerEntry(q.id(), q.text(), a.value(), a.source()));
    checkCancelled();
    return a;
  }

  void finding(String text) {
    findings.add(text);
  }

  /** Stops the run from another thread: the storm in flight ends early, the run thread rolls back. */
  void cancel(String why) {
    cancelledBy = why;
    StressRun s = storm;
    if (s != null) {
      s.stop();
    }
  }

  boolean cancelled() {
    return cancelledBy != null;
  }

  String cancelReason() {
    return cancelledBy;
  }

  /** Throws {@link Cancelled} once the run was cancelled, or its thread interrupted (Ctrl-C in the console). */
  void checkCancelled() {
    if (Thread.interrupted() && cancelledBy == null) {
      cancel("interrupted (Ctrl-C)");
    }
    if (cancelledBy != null) {
      throw new Cancelled(cancelledBy);
    }
  }

  void storm(StressRun s) {
    storm = s;
    if (s != null && cancelledBy != null) {
      s.stop();
    }
  }

  RunReport report(String outcome, String reason) {
    return new RunReport(recipe.name(), text(recipe.title()), recipe.file(), host(), String.valueOf(values.get("kernel")),
        startedAt, Instant.now().toString(), dryRun, Collections.unmodifiableMap(parameterText), outcome, reason,
        List.copyOf(findings), measured.values().stream().map(Measured::report).toList(), List.copyOf(readings.values()), List.copyOf(sweeps),
        List.copyOf(comparisons), changes.report(), List.copyOf(answers), List.copyOf(steps));
  }

  private static String host() {
    return io.mountscope.util.Procfs.read("/proc/sys/kernel/hostname").orElse("unknown");
  }
}
