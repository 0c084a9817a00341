package io.mountscope.recipe.operator;

/**
 * What a question got: "yes"/"no" or one of its choices, and where that came from ("operator",
 * "--yes", "answers file", "default"), so a report never passes a default off as consent.
 */
public record Answer(String value, String source) {
  public boolean yes() {
    return "yes".equals(value);
  }
}
