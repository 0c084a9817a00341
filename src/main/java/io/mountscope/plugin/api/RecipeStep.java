package io.mountscope.plugin.api;

import java.time.Duration;
import java.util.List;

/**
 * A recipe step of a plugin's own: a recipe writes {@code - KIND: {id: ID, ARGUMENT: value, when: ...}}
 * and later steps use its outputs as {@code {ID.OUTPUT}} (numbers, in conditions and
 * expressions) or compare two of its runs ({@code compare: {before: ID1, after: ID2}}).
 *
 * <p>A step measures; it must not change the node. Changes go through {@code apply} and
 * {@code trial} steps with an actuator (a plugin's own {@link Actuator} included), which ask the
 * operator, journal the old value and roll it back. The recipe is checked before anything runs:
 * {@link #arguments()} names and types what the step takes, {@link #check} what those values may
 * be; a mistake there is {@code file:line} and exit 2, as for a built-in step.
 */
public interface RecipeStep {
  /** The API version that added recipe steps: a plugin with one must declare it or newer. */
  String SINCE = "1.1";

  /** The kind recipes write (lower-case words with dashes); a plugin whose kind is taken is refused. */
  String kind();

  /** One line: what the step measures, for {@code recipe show} and the docs. */
  String describe();

  /** Called once when the plugin loads; a step that throws here refuses the plugin. */
  default void init(PluginContext context) throws Exception {}

  /** The arguments the step takes, besides {@code id} and {@code when}. */
  List<StepArgument> arguments();

  /** The numbers {@link #run} returns, each published as {@code ID.NAME}. */
  List<StepOutput> outputs();

  /** How long {@link #run} may take before the step fails; the default is 60 s. */
  default Duration budget() {
    return Duration.ofSeconds(60);
  }

  /**
   * Checks argument values: when the recipe is loaded (values written as literals or computed
   * from parameters; a value from an earlier step's output is not known yet) and again just before
   * the step runs. Throw {@link InvalidArgument} naming the argument. Must be quick and pure.
   */
  default void check(StepArguments arguments) {}

  /**
   * Measures and returns one reading per output of {@link #outputs()}. Runs on a thread of its
   * own under {@link #budget()}: an exception (or {@link Unavailable}, for a reason meant for the
   * user) fails the step and the recipe rolls back its changes; so does overrunning the budget.
   * Stop early when {@link StepRun#cancelled()} turns true.
   */
  List<Reading> run(StepRun run) throws Exception;
}
