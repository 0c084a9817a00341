package io.mountscope.recipe;

import io.mountscope.util.InputException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Checks a plugin's step as written, like a built-in one: a kind some loaded plugin provides, an
 * id, only the arguments it declares and every required one, their names and types, and the
 * plugin's own check of the values known before the run (literals, parameters, node facts).
 */
final class PluginStepCheck {
  /** RecipeCheck's typing of a value: its syntax, names and type, or an InputException at its line. */
  interface Typer {
    Type value(Value v, Type want, Map<String, Type> env, String what);
  }

  private PluginStepCheck() {}

  /** Checks {@code s}; {@code known} holds the values known before the run (parameters, facts). */
  static void check(Recipe r, int line, String what, Step.Plugin s, StepKinds kinds, Map<String, Type> names,
      Map<String, Object> known, Typer typer) {
    StepKind kind = kinds.find(s.kind()).orElseThrow(() -> InputException.at(r.file(), line, "unknown step '" + s.kind()
        + "': no loaded plugin provides it (known: " + String.join(", ", known(kinds)) + "; `mountscope plugins` lists "
        + "what each plugin adds)"));
    if (s.id() == null) {
      throw InputException.at(r.file(), line, what + ": missing 'id' (later steps name its outputs)");
    }
    Map<String, StepKind.Argument> declared = new LinkedHashMap<>();
    kind.arguments().forEach(a -> declared.put(a.name(), a));
    for (Map.Entry<String, Value> e : s.arguments().entrySet()) {
      StepKind.Argument a = declared.get(e.getKey());
      if (a == null) {
        TreeSet<String> keys = new TreeSet<>(declared.keySet());
        keys.add("id");
        keys.add("when");
        throw InputException.at(r.file(), e.getValue().line(), "unknown key '" + e.getKey() + "' (known: "
            + String.join(", ", keys) + ")");
      }
      typer.value(e.getValue(), a.type(), names, what + ": " + a.name());
    }
    for (StepKind.Argument a : kind.arguments()) {
      if (a.required() && !s.arguments().containsKey(a.name())) {
        throw InputException.at(r.file(), line, what + ": missing '" + a.name() + "' (" + a.help() + ")");
      }
    }
    check(r, line, what, s, kind, known, true);
  }

  /**
   * The plugin's check of the values {@code values} can give (the others are left out while
   * {@code partial}; all must be known otherwise); a bad one is an InputException at its line.
   * Returns the typed values.
   */
  static Map<String, Object> check(Recipe r, int line, String what, Step.Plugin s, StepKind kind,
      Map<String, Object> values, boolean partial) {
    Map<String, Object> typed = new LinkedHashMap<>();
    for (StepKind.Argument a : kind.arguments()) {
      Value v = s.arguments().get(a.name());
      if (v == null) {
        continue;
      }
      Object o;
      try {
        o = Params.coerce(a.type(), v.template().eval(values::get));
      } catch (Template.Unresolved e) {
        if (partial) {
          continue;
        }
        throw e;
      }
      if (o == null) {
        throw InputException.at(r.file(), v.line(), what + ": " + a.name() + ": '" + v.text() + "' is not "
            + a.type().describe());
      }
      typed.put(a.name(), o);
    }
    try {
      kind.check(typed, s.arguments().keySet());
    } catch (StepKind.Invalid e) {
      Value at = e.argument() == null ? null : s.arguments().get(e.argument());
      throw InputException.at(r.file(), at == null ? line : at.line(), what + ": " + (e.argument() == null ? ""
          : e.argument() + ": ") + e.getMessage());
    }
    return typed;
  }

  /** Every plugin step of {@code r} checked with the run's parameters (after --set), before anything runs. */
  static void checkAll(Recipe r, StepKinds kinds, Map<String, Object> values) {
    for (Recipe.Located l : r.steps()) {
      if (l.step() instanceof Step.Plugin p) {
        kinds.find(p.kind()).ifPresent(k -> check(r, l.line(), p.kind() + " '" + p.id() + "'", p, k, values, true));
      }
    }
  }

  /** A comparison of two runs of a plugin's step: the same kind on both sides, a metric among its outputs. */
  static void compare(Recipe r, int line, String what, Step.Compare c, StepKinds kinds, Map<String, String> kindOf,
      Map<String, Type> names, Typer typer) {
    String kind = kindOf.get(c.before().text());
    Value after = c.after();
    if (after == null) {
      throw InputException.at(r.file(), line, what + ": missing 'after'");
    }
    if (!kind.equals(kindOf.get(after.text()))) {
      throw InputException.at(r.file(), after.line(), what + ": after: '" + after.text() + "' is not the id of an "
          + "earlier " + kind + " step (before is one)");
    }
    List<String> outputs = kinds.find(kind).orElseThrow().outputs().stream().map(StepKind.Output::name).toList();
    if (c.metric() != null && !outputs.contains(c.metric().text())) {
      throw InputException.at(r.file(), c.metric().line(), what + ": metric: " + kind + " has no output '"
          + c.metric().text() + "' (outputs: " + String.join(", ", outputs) + ")");
    }
    for (Value v : new Value[] {c.alpha(), c.minEffect()}) {
      if (v != null) {
        typer.value(v, Type.NUMBER, names, what);
      }
    }
    if (c.label() != null) {
      typer.value(c.label(), Type.STRING, names, what + ": label");
    }
  }

  private static List<String> known(StepKinds kinds) {
    List<String> all = new ArrayList<>(StepKinds.builtIn());
    all.addAll(kinds.names());
    return all;
  }
}
