package io.mountscope.training;

import io.mountscope.util.InputException;
import java.util.function.Function;

/**
 * How far a number answer may be from the measured value: {@code 15%} of it, or an absolute
 * amount ({@code 25}); none is exact. Measured values move from tick to tick; the tolerance is what
 * a trainee reading the same panel a second later would still get right.
 */
public record Tolerance(double amount, boolean relative) {
  public static final Tolerance EXACT = new Tolerance(0, false);

  /** Parses "15%" or "25"; {@code error} turns what is wrong into the exception to throw. */
  public static Tolerance parse(String text, Function<String, InputException> error) {
    String s = text.strip();
    boolean rel = s.endsWith("%");
    try {
      double v = Double.parseDouble(rel ? s.substring(0, s.length() - 1).strip() : s);
      if (v < 0 || Double.isNaN(v) || (rel && v > 100)) {
        throw error.apply("'" + text + "' must be 0 to 100% or a non-negative amount");
      }
      return new Tolerance(rel ? v / 100 : v, rel);
    } catch (NumberFormatException e) {
      throw error.apply("'" + text + "' is neither a percentage (15%) nor an amount (25)");
    }
  }

  /** Whether {@code given} is close enough to {@code expected}. */
  public boolean accepts(double expected, double given) {
    double room = relative ? Math.abs(expected) * amount : amount;
    return Math.abs(given - expected) <= room + 1e-9;
  }

  public String describe() {
    if (amount == 0) {
      return "exactly";
    }
    return relative ? "within " + io.mountscope.recipe.Template.show(amount * 100) + "%"
        : "within " + io.mountscope.recipe.Template.show(amount);
  }
}
