package io.mountscope.plugin.api;

/** Thrown by {@link RecipeStep#check} for a bad argument value: the console reports it at the argument's line. */
public class InvalidArgument extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;
  private final String argument;

  /** {@code message} says what is wrong and what would do ("must be between 0.5 and 600 seconds"). */
  public InvalidArgument(String argument, String message) {
    super(message);
    this.argument = argument;
  }

  public String argument() {
    return argument;
  }
}
