package io.mountscope.recipe.operator;

import java.util.List;

/**
 * A question for the operator. {@code id} is how an answers file names it. A yes/no question has
 * no choices and defaults to no, always; a choice question's {@code defaultChoice} is one of its
 * choices; a free-text question ({@code freeText}) takes any text, {@code defaultChoice} on Enter.
 */
public record Question(String id, String text, List<String> choices, String defaultChoice, boolean freeText) {
  public Question {
    choices = choices == null ? List.of() : List.copyOf(choices);
  }

  /** A yes/no question; no unless the operator says yes. */
  public static Question yesNo(String id, String text) {
    return new Question(id, text, List.of(), "no", false);
  }

  public static Question choice(String id, String text, List<String> choices, String defaultChoice) {
    return new Question(id, text, choices, defaultChoice, false);
  }

  /** A value typed by the operator, {@code defaultValue} when they just press Enter. */
  public static Question text(String id, String text, String defaultValue) {
    return new Question(id, text, List.of(), defaultValue, true);
  }

  public boolean isYesNo() {
    return choices.isEmpty() && !freeText;
  }
}
