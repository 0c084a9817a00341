package io.mountscope.export;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One metric family of the exposition: its name (without a counter's {@code _total}), type, unit,
 * help, and its points. {@link Exposition} writes it in the Prometheus text format or OpenMetrics.
 */
public record MetricFamily(String name, Type type, String unit, String help, List<Point> points) {

  /** The metric types mountscope exposes. */
  public enum Type {
    GAUGE, COUNTER, SUMMARY;

    String text() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** One sample line: the name suffix ("", "_total", "_sum", "_count"), labels in order, the value. */
  public record Point(String suffix, Map<String, String> labels, double value) {}

  /** A family being filled. */
  static Builder gauge(String name, String unit, String help) {
    return new Builder(name, Type.GAUGE, unit, help);
  }

  /** A counter; {@code name} without {@code _total}, which every point gets. */
  static Builder counter(String name, String unit, String help) {
    return new Builder(name, Type.COUNTER, unit, help);
  }

  static Builder summary(String name, String unit, String help) {
    return new Builder(name, Type.SUMMARY, unit, help);
  }

  /** Collects the points of one family. */
  static final class Builder {
    private final String name;
    private final Type type;
    private final String unit;
    private final String help;
    private final List<Point> points = new ArrayList<>();

    private Builder(String name, Type type, String unit, String help) {
      this.name = name;
      this.type = type;
      this.unit = unit;
      this.help = help;
    }

    /** A point; labels as name, value pairs. */
    Builder add(double value, String... labels) {
      return addWithSuffix(type == Type.COUNTER ? "_total" : "", value, labels);
    }

    Builder addWithSuffix(String suffix, double value, String... labels) {
      Map<String, String> l = new LinkedHashMap<>();
      for (int i = 0; i + 1 < labels.length; i += 2) {
        l.put(labels[i], labels[i + 1] == null ? "" : labels[i + 1]);
      }
      points.add(new Point(suffix, Collections.unmodifiableMap(l), value));
      return this;
    }

    boolean isEmpty() {
      return points.isEmpty();
    }

    MetricFamily build() {
      return new MetricFamily(name, type, unit, help, List.copyOf(points));
    }
  }
}
