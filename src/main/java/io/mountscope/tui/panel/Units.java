package io.mountscope.tui.panel;

import java.util.Locale;

/** Compact number formats for panels, where every column counts: "1.2k", "34.1s", "23%". */
public final class Units {
  private Units() {}

  /** A rate or other quantity: "0", "0.5", "12", "940", "1.2k", "48k", "1.2M". */
  public static String rate(double v) {
    if (Double.isNaN(v)) {
      return "-";
    }
    double a = Math.abs(v);
    if (a < 0.05) {
      return "0";
    }
    if (a < 10) {
      return String.format(Locale.US, "%.1f", v).replace(".0", "");
    }
    if (a < 1000) {
      return String.format(Locale.US, "%.0f", v);
    }
    if (a < 1e6) {
      return scaled(v / 1e3, "k");
    }
    return scaled(v / 1e6, "M");
  }

  /** A count: exact up to 99,999, then "123k", "1.2M". */
  public static String count(long n) {
    if (Math.abs(n) < 100_000) {
      return Long.toString(n);
    }
    return rate(n);
  }

  /** A share of something (0..1) as a percentage: "0%", "0.4%", "23%". */
  public static String share(double s) {
    if (Double.isNaN(s)) {
      return "-";
    }
    double p = s * 100;
    if (p < 0.05) {
      return "0%";
    }
    return p < 10 ? String.format(Locale.US, "%.1f%%", p) : String.format(Locale.US, "%.0f%%", p);
  }

  /** Milliseconds: "0.42ms", "12ms", "1.2s", "1m05s". */
  public static String millis(double ms) {
    if (Double.isNaN(ms)) {
      return "-";
    }
    if (ms < 10) {
      return String.format(Locale.US, "%.2fms", ms);
    }
    if (ms < 1000) {
      return String.format(Locale.US, "%.0fms", ms);
    }
    return age((long) ms);
  }

  /** Nanoseconds of lock wait: "850ns", "12us", "3.4ms", "1.2s". */
  public static String nanos(long ns) {
    if (ns < 1_000) {
      return ns + "ns";
    }
    if (ns < 1_000_000) {
      return scaled(ns / 1e3, "us");
    }
    if (ns < 1_000_000_000) {
      return scaled(ns / 1e6, "ms");
    }
    return age(ns / 1_000_000);
  }

  /** An age or latency in milliseconds: "850ms", "34.1s", "5m02s", "1h02m". */
  public static String age(long ms) {
    if (ms < 1000) {
      return ms + "ms";
    }
    if (ms < 60_000) {
      return String.format(Locale.US, "%.1fs", ms / 1000.0);
    }
    long s = ms / 1000;
    if (s < 3600) {
      return String.format(Locale.US, "%dm%02ds", s / 60, s % 60);
    }
    return String.format(Locale.US, "%dh%02dm", s / 3600, (s % 3600) / 60);
  }

  /** Bytes: "512B", "4.5K", "120M", "1.5G" (binary units). */
  public static String bytes(long b) {
    if (b < 1024) {
      return b + "B";
    }
    String units = "KMGTP";
    double v = b;
    int u = -1;
    while (v >= 1024 && u < units.length() - 1) {
      v /= 1024;
      u++;
    }
    return scaled(v, String.valueOf(units.charAt(u)));
  }

  private static String scaled(double v, String unit) {
    return (Math.abs(v) < 10 ? String.format(Locale.US, "%.1f", v) : String.format(Locale.US, "%.0f", v)) + unit;
  }
}
