package io.mountscope.diagnose;

import io.mountscope.util.Fmt;
import java.util.Locale;

/** How a metric's value reads in a verdict's title and evidence. */
public enum Unit {
  /** 0..1, shown as a percentage. */
  SHARE,
  /** Events per second, shown as a grouped number ("48,000"); the sentence says what per second. */
  RATE,
  /** A count. */
  COUNT,
  /** Milliseconds. */
  MILLIS,
  /** Seconds. */
  SECONDS,
  /** Bytes per second. */
  BYTES_PER_SECOND,
  /** A plain ratio, one decimal. */
  RATIO,
  /** 1 or 0, shown as on/off. */
  SWITCH,
  /** Text, for sentences only (not usable in conditions). */
  TEXT;

  /** The value as a sentence shows it. */
  public String format(Object value) {
    if (value == null) {
      return "n/a";
    }
    if (this == TEXT || !(value instanceof Number n)) {
      return value.toString();
    }
    double v = n.doubleValue();
    return switch (this) {
      case SHARE -> v >= 0.1 ? String.format(Locale.US, "%.0f%%", v * 100) : String.format(Locale.US, "%.1f%%", v * 100);
      case RATE, COUNT -> String.format(Locale.US, "%,.0f", v);
      case MILLIS -> v >= 10 ? String.format(Locale.US, "%,.0f ms", v) : String.format(Locale.US, "%.1f ms", v);
      case SECONDS -> String.format(Locale.US, "%,.0f s", v);
      case BYTES_PER_SECOND -> Fmt.bytes((long) v) + "/s";
      case RATIO -> String.format(Locale.US, "%.1f", v);
      case SWITCH -> v != 0 ? "on" : "off";
      case TEXT -> value.toString();
    };
  }
}
