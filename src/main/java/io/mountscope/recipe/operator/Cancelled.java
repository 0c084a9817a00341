package io.mountscope.recipe.operator;

/** The operator stopped the recipe (Ctrl-C at a question, Esc in the dashboard): roll back and end. */
public final class Cancelled extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public Cancelled(String message) {
    super(message);
  }
}
