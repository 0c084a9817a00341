package io.mountscope.recipe;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.util.List;
import java.util.Map;

/**
 * One step of a recipe, as written: a one-key mapping whose key names the kind (docs/recipes.md).
 * Every step may carry {@code when:} conditions (all must hold, or the step is passed over);
 * steps with an {@code id} publish outputs that later steps use as {@code {id.name}}. The
 * built-in kinds are the subtypes listed here; any other kind is a {@link Plugin} step.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.WRAPPER_OBJECT)
@JsonSubTypes({
    @JsonSubTypes.Type(value = Step.Explain.class, name = "explain"),
    @JsonSubTypes.Type(value = Step.Check.class, name = "check"),
    @JsonSubTypes.Type(value = Step.Inventory.class, name = "inventory"),
    @JsonSubTypes.Type(value = Step.Measure.class, name = "measure"),
    @JsonSubTypes.Type(value = Step.Sweep.class, name = "sweep"),
    @JsonSubTypes.Type(value = Step.Apply.class, name = "apply"),
    @JsonSubTypes.Type(value = Step.Trial.class, name = "trial"),
    @JsonSubTypes.Type(value = Step.Compare.class, name = "compare"),
    @JsonSubTypes.Type(value = Step.Ask.class, name = "ask"),
    @JsonSubTypes.Type(value = Step.Rollback.class, name = "rollback"),
    @JsonSubTypes.Type(value = Step.LeakedMounts.class, name = "leaked-mounts")})
public sealed interface Step {
  /** The step's id (null for steps that publish nothing). */
  default String id() {
    return null;
  }

  List<Value> when();

  /** The kind as written in YAML ("measure", "leaked-mounts"). */
  default String kind() {
    for (JsonSubTypes.Type t : Step.class.getAnnotation(JsonSubTypes.class).value()) {
      if (t.value() == getClass()) {
        return t.name();
      }
    }
    throw new IllegalStateException(getClass().getName());
  }

  /** Text for the operator; a bare string or {@code {text, when}}. */
  @JsonDeserialize(using = ExplainReader.class)
  record Explain(Value text, List<Value> when) implements Step {}

  /** Preconditions; {@code otherwise: skip} ends the recipe with the reason, {@code fail} (default) with an error. */
  record Check(List<Value> require, Value otherwise, List<Value> when) implements Step {}

  /** containerd's images: layer counts and the idmap strategy of its version, or the fallback parameter. */
  record Inventory(String id, Value containerd, Value layers, Value threshold, List<Value> when) implements Step {}

  /** Runs a declared workload once, with {@code set} binding extra names for it. */
  record Measure(String id, Value label, Value workload, Map<String, Value> set, List<Value> when) implements Step {}

  /**
   * Runs a workload once per value of {@code as}: the listed {@code values}, or {@code points}
   * values spaced geometrically {@code from} .. {@code to}; finds where the metric leaves
   * {@code budget-ms} and compares the first value against the last.
   */
  record Sweep(String id, Value label, Value workload, String as, List<Value> values, Value from, Value to, Value points,
      @JsonProperty("budget-ms") Value budgetMs, Value metric, Boolean trend, List<Value> when) implements Step {}

  /** One change to the node through an actuator, with the operator's consent. */
  record Apply(String id, Value actuator, Value target, Value value, Value why, List<Value> when) implements Step {}

  /** Measure, change, measure again, compare; keep the change only if it helped. */
  record Trial(String id, Value why, Value actuator, Value target, Value value, Value workload, Value metric,
      List<Value> when) implements Step {}

  /** Before against after, with statistics and a verdict. */
  record Compare(String id, Value label, Value before, Value after, Value metric, Value alpha,
      @JsonProperty("min-effect") Value minEffect, List<Value> when) implements Step {}

  /**
   * A question: with {@code choices} one of them; with {@code type} (int, number, string) a value
   * the operator types, {@code default} on Enter; else yes or no.
   */
  record Ask(String id, Value question, List<Value> choices, Value type, @JsonProperty("default") Value defaultAnswer,
      List<Value> when) implements Step {}

  /** Rolls back the named changes (apply ids), or every change still live. */
  record Rollback(List<String> changes, List<Value> when) implements Step {}

  /** Lists mounts left behind in this mount namespace and removes them with consent. */
  record LeakedMounts(String id, Value remove, List<Value> when) implements Step {}

  /**
   * A step of a kind a plugin adds (docs/plugins.md): its arguments as written, checked against
   * what the plugin declares once the plugins are known ({@link RecipeCheck}).
   */
  @JsonDeserialize(using = PluginStepReader.class)
  record Plugin(String kind, String id, Map<String, Value> arguments, List<Value> when) implements Step {}
}
