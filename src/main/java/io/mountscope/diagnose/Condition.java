package io.mountscope.diagnose;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.mountscope.model.Model;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One test of a rule, written "metric op number", e.g. "hotspots.mountLockShare >= 0.2". */
public record Condition(Metric metric, String op, double value) {
  private static final Pattern FORM = Pattern.compile("\\s*([A-Za-z0-9_.-]+)\\s*(>=|<=|==|!=|>|<)\\s*(-?[0-9]+(\\.[0-9]+)?)\\s*");

  /** Parses and checks a condition; an unknown metric or a text metric is an error. */
  @JsonCreator
  public static Condition parse(String text) {
    Matcher m = FORM.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException("condition '" + text + "' is not 'metric op number' (op: >= > <= < == !=)");
    }
    Metric metric = Metrics.find(m.group(1))
        .orElseThrow(() -> new IllegalArgumentException("unknown metric '" + m.group(1) + "' in '" + text + "'"));
    if (metric.unit() == Unit.TEXT) {
      throw new IllegalArgumentException("metric '" + metric.name() + "' is text and cannot be compared");
    }
    return new Condition(metric, m.group(2), Double.parseDouble(m.group(3)));
  }

  /** True when the metric is present and the comparison holds. */
  public boolean holds(Model model) {
    Double v = metric.number(model);
    if (v == null) {
      return false;
    }
    return switch (op) {
      case ">=" -> v >= value;
      case ">" -> v > value;
      case "<=" -> v <= value;
      case "<" -> v < value;
      case "==" -> v == value;
      default -> v != value;
    };
  }

  @JsonValue
  @Override
  public String toString() {
    return metric.name() + " " + op + " " + value;
  }
}
