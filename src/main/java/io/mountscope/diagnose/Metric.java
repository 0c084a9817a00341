package io.mountscope.diagnose;

import io.mountscope.model.Model;
import java.util.function.Function;

/**
 * A named number (or text) read off a Model, for rules to test and sentences to quote. The value
 * is null when the Model lacks the part it comes from; a condition on a null metric is false.
 */
public record Metric(String name, Unit unit, String meaning, Function<Model, Object> read) {

  /** The value in {@code model}, or null. */
  public Object value(Model model) {
    try {
      return read.apply(model);
    } catch (NullPointerException | IndexOutOfBoundsException missing) {
      return null; // a part, or a list element, the model does not have
    }
  }

  /** The value as a double, or null when absent or not a number. */
  public Double number(Model model) {
    return value(model) instanceof Number n ? n.doubleValue() : null;
  }
}
