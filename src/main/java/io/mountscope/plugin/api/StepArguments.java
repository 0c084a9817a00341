package io.mountscope.plugin.api;

import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * The arguments a recipe gave a step, typed as {@link StepArgument} declares them. Each accessor is
 * empty when the argument was not given, or (in {@link RecipeStep#check} at load time) when its
 * value comes from an earlier step's output and is not known yet.
 */
public interface StepArguments {
  /** Whether the recipe gives the argument at all. */
  boolean given(String name);

  OptionalLong integer(String name);

  OptionalDouble number(String name);

  Optional<Boolean> bool(String name);

  Optional<String> text(String name);
}
