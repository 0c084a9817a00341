package io.mountscope.recipe.operator;

import java.util.List;

/**
 * A question for the operator. {@code id} is how an answers file names it; {@code choices} is
 * empty for a yes/no question, whose default is always no; otherwise {@code defaultChoice} is one
 * of the choices.
 */
public record Question(String id, String text, List<String> choices, String defaultChoice) {
  public Question {
    choices = choices == null ? List.of() : List.copyOf(choices);
  }

  /** A yes/no question; no unless the operator says yes. */
  public static Question yesNo(String id, String text) {
    return new Question(id, text, List.of(), "no");
  }

  public static Question choice(String id, String text, List<String> choices, String defaultChoice) {
    return new Question(id, text, choices, defaultChoice);
  }

  public boolean isYesNo() {
    return choices.isEmpty();
  }
}
