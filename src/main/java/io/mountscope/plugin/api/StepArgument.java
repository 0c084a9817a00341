package io.mountscope.plugin.api;

/**
 * An argument a {@link RecipeStep} takes: its name (lower-case words with dashes), its type, whether
 * a recipe must give it, and a line of help. The console checks the type of what a recipe writes.
 */
public record StepArgument(String name, Type type, boolean required, String help) {
  /** What a value must be: an integer, a number, true or false, or any text. */
  public enum Type { INT, NUMBER, BOOL, STRING }

  public static StepArgument optional(String name, Type type, String help) {
    return new StepArgument(name, type, false, help);
  }

  public static StepArgument required(String name, Type type, String help) {
    return new StepArgument(name, type, true, help);
  }
}
