package io.mountscope.recipe;

import io.mountscope.recipe.actuator.Actuators;
import io.mountscope.recipe.stats.Metric;
import io.mountscope.stress.Pattern;
import io.mountscope.util.InputException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks what a parsed recipe means before anything runs: required fields, names and their types
 * (parameters, node facts, outputs of earlier steps), actuators, requirements, workloads,
 * measurements a comparison names, changes a rollback names. The first mistake is an
 * {@link InputException} saying {@code file:line: what}.
 */
public final class RecipeCheck {
  /** The question every run with live changes ends with. */
  public static final String KEEP = "keep";
  private static final List<String> PATTERNS = List.of("bind", "overlay", "idmap-per-layer", "idmap-common-parent");

  private final Recipe r;
  private final Set<String> actuators;
  private final StepKinds kinds;
  private final Map<String, Object> known = new LinkedHashMap<>();
  private final Map<String, Type> names = new LinkedHashMap<>(Facts.TYPES);
  private final Map<String, String> kindOf = new HashMap<>();
  private final Map<String, List<String>> questions = new LinkedHashMap<>();
  private final Map<String, Type> textTypes = new LinkedHashMap<>();

  private RecipeCheck(Recipe r, Set<String> actuators, StepKinds kinds) {
    this.r = r;
    this.actuators = actuators;
    this.kinds = kinds;
  }

  public static void check(Recipe r) {
    check(r, Actuators.standard().names());
  }

  public static void check(Recipe r, Set<String> actuators) {
    check(r, actuators, StepKinds.standard());
  }

  /** Checks with the given actuators and plugin step kinds. */
  public static void check(Recipe r, Set<String> actuators, StepKinds kinds) {
    new RecipeCheck(r, actuators, kinds).run();
  }

  /**
   * The recipe's questions by id, for answers files: an empty list for yes/no, the choices of an
   * {@code ask}, null for a value to type in, and {@code keep} (asked at the end when changes are
   * still in place).
   */
  public static Map<String, List<String>> questions(Recipe r) {
    RecipeCheck c = new RecipeCheck(r, Actuators.standard().names(), StepKinds.standard());
    c.run();
    return c.questions;
  }

  /** The free-text questions by id, with the type their answer must have. */
  public static Map<String, Type> textQuestions(Recipe r) {
    RecipeCheck c = new RecipeCheck(r, Actuators.standard().names(), StepKinds.standard());
    c.run();
    return c.textTypes;
  }

  private void run() {
    params();
    r.workloads().forEach((name, w) -> syntax(w));
    for (Recipe.Located l : r.steps()) {
      step(l.line(), l.step());
    }
    questions.put(KEEP, List.of());
  }

  private void params() {
    for (Map.Entry<String, Param> e : r.parameters().entrySet()) {
      String n = e.getKey();
      Param p = e.getValue();
      if (p.type() == null || Type.of(p.type().text()) == null) {
        throw fail(p.type() == null ? lineOf(p) : p.type().line(), "parameter " + n + ": 'type' must be int, number, bool "
            + "or string");
      }
      Type t = Type.of(p.type().text());
      if (p.defaultValue() == null || p.help() == null) {
        throw fail(p.type().line(), "parameter " + n + ": missing '" + (p.defaultValue() == null ? "default" : "help") + "'");
      }
      for (Value bound : new Value[] {p.min(), p.max()}) {
        if (bound != null && (t == Type.BOOL || t == Type.STRING || Type.NUMBER.parse(bound.text()) == null)) {
          throw fail(bound.line(), "parameter " + n + ": min and max are numbers, for int and number parameters");
        }
      }
      if (p.choices() != null && t != Type.STRING) {
        throw fail(p.type().line(), "parameter " + n + ": choices are for string parameters");
      }
      value(p.defaultValue(), t, names, "default of " + n);
      names.put(n, t);
    }
    Map<String, Object> facts = Facts.read();
    known.putAll(facts);
    known.putAll(Params.resolve(r, Map.of(), facts));
  }

  private static int lineOf(Param p) {
    return p.defaultValue() != null ? p.defaultValue().line() : p.help() != null ? p.help().line() : 0;
  }

  private void syntax(Workload w) {
    for (Value v : fields(w)) {
      if (v != null) {
        try {
          v.template();
        } catch (Template.Invalid e) {
          throw fail(v.line(), e.getMessage());
        }
      }
    }
  }

  private static List<Value> fields(Workload w) {
    List<Value> out = new ArrayList<>();
    if (w instanceof Workload.Stress s) {
      out.addAll(java.util.Arrays.asList(s.pattern(), s.layers(), s.threads(), s.duration(), s.starts(), s.warmup(),
          s.cpus(), s.node()));
    } else if (w instanceof Workload.Mountinfo m) {
      out.add(m.extraMounts());
      out.add(m.reads());
    }
    return out;
  }

  private void step(int line, Step s) {
    String what = s.kind() + (s.id() == null ? "" : " '" + s.id() + "'");
    if (s.when() != null) {
      for (Value w : s.when()) {
        try {
          Condition.parse(w.text()).check(names::get);
        } catch (Template.Invalid e) {
          throw fail(w.line(), what + ": when: " + e.getMessage()
              + (e.getMessage().startsWith("unknown name") ? known(names) : ""));
        }
      }
    }
    if (s.id() != null) {
      if (!s.id().matches("[a-z][a-z0-9-]*")) {
        throw fail(line, what + ": ids are lower case letters, digits and '-'");
      }
      if (kindOf.containsKey(s.id()) || names.containsKey(s.id()) || s.id().equals(KEEP)) {
        throw fail(line, what + ": the id '" + s.id() + "' is already taken");
      }
    }
    if (s instanceof Step.Explain e) {
      value(require(line, what, "text", e.text()), Type.STRING, names, what);
    } else if (s instanceof Step.Check c) {
      check(line, what, c);
    } else if (s instanceof Step.Inventory i) {
      id(line, what, s);
      if (i.containerd() != null) {
        value(i.containerd(), Type.STRING, names, what + ": containerd");
      }
      value(require(line, what, "layers", i.layers()), Type.INT, names, what + ": layers");
      if (i.threshold() != null) {
        value(i.threshold(), Type.INT, names, what + ": threshold");
      }
    } else if (s instanceof Step.Measure m) {
      id(line, what, s);
      Map<String, Type> local = new LinkedHashMap<>(names);
      if (m.set() != null) {
        m.set().forEach((k, v) -> local.put(k, value(v, Type.STRING, names, what + ": set " + k)));
      }
      if (m.label() != null) {
        value(m.label(), Type.STRING, local, what + ": label");
      }
      workload(line, what, m.workload(), local);
    } else if (s instanceof Step.Sweep w) {
      sweep(line, what, w);
    } else if (s instanceof Step.Apply a) {
      id(line, what, s);
      change(line, what, a.actuator(), a.target(), a.value());
      if (a.why() != null) {
        value(a.why(), Type.STRING, names, what + ": why");
      }
      questions.put(a.id(), List.of());
    } else if (s instanceof Step.Trial t) {
      id(line, what, s);
      change(line, what, t.actuator(), t.target(), t.value());
      value(require(line, what, "why", t.why()), Type.STRING, names, what + ": why");
      workload(line, what, t.workload(), names);
      metric(t.metric());
      questions.put(t.id(), List.of());
    } else if (s instanceof Step.Compare c && isPluginStep(c.before())) {
      PluginStepCheck.compare(r, line, what, c, kinds, kindOf, names, this::value);
    } else if (s instanceof Step.Compare c) {
      measured(line, what, "before", c.before());
      measured(line, what, "after", c.after());
      metric(c.metric());
      if (c.alpha() != null) {
        value(c.alpha(), Type.NUMBER, names, what + ": alpha");
      }
      if (c.minEffect() != null) {
        value(c.minEffect(), Type.NUMBER, names, what + ": min-effect");
      }
      if (c.label() != null) {
        value(c.label(), Type.STRING, names, what + ": label");
      }
    } else if (s instanceof Step.Ask a) {
      ask(line, what, a);
    } else if (s instanceof Step.Rollback rb) {
      for (String c : rb.changes() == null ? List.<String>of() : rb.changes()) {
        if (!"apply".equals(kindOf.get(c)) && !"trial".equals(kindOf.get(c))) {
          throw fail(line, what + ": '" + c + "' is not the id of an earlier apply or trial step");
        }
      }
    } else if (s instanceof Step.LeakedMounts lm) {
      id(line, what, s);
      if (lm.remove() != null && !List.of("ask", "never").contains(lm.remove().text())) {
        throw fail(lm.remove().line(), what + ": remove is ask or never");
      }
      questions.put(lm.id(), List.of());
    } else if (s instanceof Step.Plugin p) {
      PluginStepCheck.check(r, line, what, p, kinds, names, known, this::value);
    }
    if (s.id() != null) {
      kindOf.put(s.id(), s.kind());
      names.putAll(Outputs.of(s, kinds));
    }
  }

  private void check(int line, String what, Step.Check c) {
    if (c.require() == null || c.require().isEmpty()) {
      throw fail(line, what + ": missing 'require' (one or more of " + Requirement.names() + ")");
    }
    for (Value v : c.require()) {
      if (Requirement.of(v.text()).isEmpty()) {
        throw fail(v.line(), what + ": unknown requirement '" + v.text() + "' (known: " + Requirement.names() + ")");
      }
    }
    if (c.otherwise() != null && !List.of("skip", "fail").contains(c.otherwise().text())) {
      throw fail(c.otherwise().line(), what + ": otherwise is skip or fail, not '" + c.otherwise().text() + "'");
    }
  }

  private void sweep(int line, String what, Step.Sweep w) {
    id(line, what, w);
    if (w.as() == null || !w.as().matches("[a-z][a-z0-9-]*")) {
      throw fail(line, what + ": 'as' names the swept value (e.g. as: threads)");
    }
    boolean range = w.from() != null || w.to() != null || w.points() != null;
    if ((w.values() == null || w.values().isEmpty()) == !range) {
      throw fail(line, what + ": give 'values' (a list of integers) or 'from' and 'to' (and 'points'), not both");
    }
    if (range) {
      value(require(line, what, "from", w.from()), Type.INT, names, what + ": from");
      value(require(line, what, "to", w.to()), Type.INT, names, what + ": to");
      if (w.points() != null) {
        value(w.points(), Type.INT, names, what + ": points");
      }
    } else {
      for (Value v : w.values()) {
        value(v, Type.INT, names, what + ": values");
      }
    }
    Map<String, Type> local = new LinkedHashMap<>(names);
    local.put(w.as(), Type.INT);
    workload(line, what, w.workload(), local);
    if (w.label() != null) {
      value(w.label(), Type.STRING, names, what + ": label");
    }
    if (w.budgetMs() != null) {
      value(w.budgetMs(), Type.NUMBER, names, what + ": budget-ms");
    }
    metric(w.metric());
  }

  private void ask(int line, String what, Step.Ask a) {
    id(line, what, a);
    value(require(line, what, "question", a.question()), Type.STRING, names, what + ": question");
    if (a.type() != null) {
      Type t = Type.of(a.type().text());
      if (t == null || t == Type.BOOL || a.choices() != null) {
        throw fail(a.type().line(), what + ": type is int, number or string (a value to type in), without choices");
      }
      value(require(line, what, "default", a.defaultAnswer()), t, names, what + ": default");
      questions.put(a.id(), null);
      textTypes.put(a.id(), t);
      return;
    }
    List<String> choices = a.choices() == null ? List.of() : a.choices().stream().map(Value::text).toList();
    if (a.choices() != null && choices.size() < 2) {
      throw fail(line, what + ": give at least two choices, or none for a yes/no question");
    }
    if (choices.isEmpty() && a.defaultAnswer() != null && !a.defaultAnswer().text().equals("no")) {
      throw fail(a.defaultAnswer().line(), what + ": a yes/no question defaults to no (nothing changes without a yes)");
    }
    if (!choices.isEmpty() && (a.defaultAnswer() == null || !choices.contains(a.defaultAnswer().text()))) {
      throw fail(a.defaultAnswer() == null ? line : a.defaultAnswer().line(), what + ": 'default' must be one of the choices "
          + String.join(", ", choices));
    }
    questions.put(a.id(), choices);
  }

  private void change(int line, String what, Value actuator, Value target, Value value) {
    require(line, what, "actuator", actuator);
    if (!actuators.contains(actuator.text())) {
      throw fail(actuator.line(), what + ": unknown actuator '" + actuator.text() + "' (known: "
          + String.join(", ", actuators) + ")");
    }
    value(require(line, what, "target", target), Type.STRING, names, what + ": target");
    value(require(line, what, "value", value), Type.STRING, names, what + ": value");
  }

  private void workload(int line, String what, Value ref, Map<String, Type> env) {
    require(line, what, "workload", ref);
    Workload w = r.workloads().get(ref.text());
    if (w == null) {
      throw fail(ref.line(), what + ": no workload '" + ref.text() + "'" + (r.workloads().isEmpty() ? " (declare it under "
          + "workloads:)" : " (workloads: " + String.join(", ", r.workloads().keySet()) + ")"));
    }
    String in = what + ": workload " + ref.text();
    if (w instanceof Workload.Stress s) {
      Value p = require(line, in, "pattern", s.pattern());
      if (p.template().isLiteral() && !PATTERNS.contains(p.text())) {
        throw fail(p.line(), in + ": unknown pattern '" + p.text() + "' (known: " + String.join(", ", PATTERNS) + ")");
      }
      value(p, Type.STRING, env, in + ": pattern");
      for (Value v : new Value[] {s.layers(), s.threads(), s.starts(), s.node()}) {
        if (v != null) {
          value(v, Type.INT, env, in);
        }
      }
      for (Value v : new Value[] {s.duration(), s.warmup()}) {
        if (v != null) {
          value(v, Type.NUMBER, env, in);
        }
      }
      if (s.cpus() != null) {
        value(s.cpus(), Type.STRING, env, in + ": cpus");
      }
      if (s.starts() != null && s.duration() != null) {
        throw fail(s.starts().line(), in + ": give starts or duration, not both");
      }
    } else if (w instanceof Workload.Mountinfo m) {
      value(require(line, in, "extra-mounts", m.extraMounts()), Type.INT, env, in + ": extra-mounts");
      value(require(line, in, "reads", m.reads()), Type.INT, env, in + ": reads");
    }
  }

  private void measured(int line, String what, String field, Value ref) {
    require(line, what, field, ref);
    String t = ref.text();
    String id = t.contains("[") ? t.substring(0, t.indexOf('[')) : t;
    String kind = kindOf.get(id);
    if (t.contains("[")) {
      if (!"sweep".equals(kind) || !t.matches("[a-z0-9-]+\\[(first|last|[0-9]+)]")) {
        throw fail(ref.line(), what + ": " + field + ": '" + t + "' is not SWEEP[first], SWEEP[last] or SWEEP[N] of an "
            + "earlier sweep");
      }
    } else if (!"measure".equals(kind)) {
      throw fail(ref.line(), what + ": " + field + ": '" + t + "' is not the id of an earlier measure step");
    }
  }

  private boolean isPluginStep(Value ref) {
    return ref != null && kinds.find(String.valueOf(kindOf.get(ref.text()))).isPresent();
  }

  private void metric(Value m) {
    if (m != null) {
      try {
        Metric.of(m.text());
      } catch (InputException e) {
        throw fail(m.line(), e.getMessage());
      }
    }
  }

  private void id(int line, String what, Step s) {
    if (s.id() == null) {
      throw fail(line, what + ": missing 'id' (later steps and answers files name it)");
    }
  }

  private Value require(int line, String what, String field, Value v) {
    if (v == null) {
      throw fail(line, what + ": missing '" + field + "'");
    }
    return v;
  }

  /** Checks a value's syntax, names and type; returns its type. */
  private Type value(Value v, Type want, Map<String, Type> env, String what) {
    Type t;
    try {
      t = v.template().type(env::get);
    } catch (Template.Invalid e) {
      throw fail(v.line(), what + ": " + e.getMessage() + (e.getMessage().startsWith("unknown name") ? known(env) : ""));
    }
    if (!want.accepts(t)) {
      throw fail(v.line(), what + ": expected " + want.describe() + ", got " + t.describe() + " ('" + v.text() + "')");
    }
    return t;
  }

  private static String known(Map<String, Type> env) {
    List<String> all = new ArrayList<>(env.keySet());
    return " (known: " + String.join(", ", all.size() > 16 ? all.subList(all.size() - 16, all.size()) : all)
        + (all.size() > 16 ? ", ..." : "") + ")";
  }

  private InputException fail(int line, String msg) {
    return InputException.at(r.file(), line, msg);
  }
}
