package io.mountscope.recipe.operator;

import java.util.List;

/** Horizontal bars on one scale: a title, the unit of the values, and one bar per label. */
public record BarChart(String title, String unit, List<Bar> bars) {
  /** One bar; {@code note} is printed after the value ("before", "within budget"). */
  public record Bar(String label, double value, String note) {}

  public BarChart {
    bars = List.copyOf(bars);
  }
}
