package io.mountscope.export;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes metric families as text: OpenMetrics 1.0.0 for scrapers that ask for it (Prometheus
 * does), the Prometheus text format 0.0.4 for everyone else (curl, promtool). The two differ in
 * how a counter's family is named (OpenMetrics: without {@code _total}), in UNIT lines, in what
 * HELP escapes, and in the closing {@code # EOF}.
 */
public final class Exposition {
  public static final String OPENMETRICS = "application/openmetrics-text; version=1.0.0; charset=utf-8";
  public static final String TEXT = "text/plain; version=0.0.4; charset=utf-8";

  private Exposition() {}

  /** Whether a scraper's Accept header asks for OpenMetrics. */
  public static boolean wantsOpenMetrics(String accept) {
    return accept != null && accept.toLowerCase(Locale.ROOT).contains("application/openmetrics-text");
  }

  public static String openMetrics(List<MetricFamily> families) {
    StringBuilder b = new StringBuilder(8192);
    for (MetricFamily f : families) {
      b.append("# TYPE ").append(f.name()).append(' ').append(f.type().text()).append('\n');
      if (f.unit() != null && !f.unit().isEmpty()) {
        b.append("# UNIT ").append(f.name()).append(' ').append(f.unit()).append('\n');
      }
      b.append("# HELP ").append(f.name()).append(' ').append(escape(f.help(), true)).append('\n');
      points(b, f);
    }
    return b.append("# EOF\n").toString();
  }

  public static String text(List<MetricFamily> families) {
    StringBuilder b = new StringBuilder(8192);
    for (MetricFamily f : families) {
      // The 0.0.4 format names a counter's family with its _total, as its samples are named.
      String name = f.type() == MetricFamily.Type.COUNTER ? f.name() + "_total" : f.name();
      b.append("# HELP ").append(name).append(' ').append(escape(f.help(), false)).append('\n');
      b.append("# TYPE ").append(name).append(' ').append(f.type().text()).append('\n');
      points(b, f);
    }
    return b.toString();
  }

  private static void points(StringBuilder b, MetricFamily f) {
    for (MetricFamily.Point p : f.points()) {
      b.append(f.name()).append(p.suffix());
      if (!p.labels().isEmpty()) {
        b.append('{');
        boolean first = true;
        for (Map.Entry<String, String> l : p.labels().entrySet()) {
          if (!first) {
            b.append(',');
          }
          first = false;
          b.append(l.getKey()).append("=\"").append(escape(l.getValue(), true)).append('"');
        }
        b.append('}');
      }
      b.append(' ').append(number(p.value())).append('\n');
    }
  }

  /** A value as both formats read it: integers without a fraction, others as Java prints a double (exact). */
  static String number(double v) {
    if (Double.isNaN(v)) {
      return "NaN";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "+Inf" : "-Inf";
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return Double.toString(v);
  }

  /** Backslash and newline always; the double quote in label values (and in OpenMetrics' HELP). */
  static String escape(String s, boolean quotes) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '"' -> b.append(quotes ? "\\\"" : "\"");
        default -> b.append(c);
      }
    }
    return b.toString();
  }
}
