package io.mountscope.plugin.api;

import java.util.Map;

/**
 * What a {@link RecipeStep}'s run gets: its id, its arguments with their values, every value the
 * recipe has at this point (parameters, node facts such as {@code cpus}, outputs of earlier steps
 * such as {@code before.p99}), a way to tell the operator, and whether to stop.
 */
public interface StepRun {
  String id();

  StepArguments arguments();

  /** The recipe's values by name, as the engine has them now: Long, Double, Boolean or String. */
  Map<String, Object> values();

  /** One line for the operator's transcript (shown as the step goes). */
  void say(String line);

  /** True once the recipe was cancelled (Ctrl-C, SIGTERM) or the step overran its budget: return soon. */
  boolean cancelled();
}
