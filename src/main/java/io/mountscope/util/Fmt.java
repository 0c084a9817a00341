package io.mountscope.util;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/** Formatting shared by the text outputs and the dashboard: sizes, durations, CPU lists. */
public final class Fmt {
  private Fmt() {}

  /** 1536 -> "1.5 KiB". */
  public static String bytes(long b) {
    if (b < 1024) {
      return b + " B";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    double v = b;
    int u = -1;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return String.format(Locale.US, v >= 100 ? "%.0f %s" : "%.1f %s", v, units[u]);
  }

  /** 3725 -> "1h 02m", 59 -> "59s", 90061 -> "1d 01h". */
  public static String duration(long seconds) {
    if (seconds < 60) {
      return seconds + "s";
    }
    if (seconds < 3600) {
      return String.format(Locale.US, "%dm %02ds", seconds / 60, seconds % 60);
    }
    if (seconds < 86400) {
      return String.format(Locale.US, "%dh %02dm", seconds / 3600, (seconds % 3600) / 60);
    }
    return String.format(Locale.US, "%dd %02dh", seconds / 86400, (seconds % 86400) / 3600);
  }

  /** [0,1,2,3,8,10,11] -> "0-3,8,10-11", the kernel's cpulist format. */
  public static String cpuList(Collection<Integer> cpus) {
    List<String> parts = new ArrayList<>();
    Integer start = null;
    Integer prev = null;
    for (int c : new TreeSet<>(cpus)) {
      if (start == null) {
        start = c;
      } else if (c != prev + 1) {
        parts.add(start.equals(prev) ? "" + start : start + "-" + prev);
        start = c;
      }
      prev = c;
    }
    if (start != null) {
      parts.add(start.equals(prev) ? "" + start : start + "-" + prev);
    }
    return String.join(",", parts);
  }

  /** Parses the kernel's cpulist format ("0-3,8,10-11") into CPU numbers. */
  public static List<Integer> parseCpuList(String list) {
    List<Integer> cpus = new ArrayList<>();
    String s = list.trim();
    if (s.isEmpty()) {
      return cpus;
    }
    for (String part : s.split(",")) {
      String p = part.trim();
      int dash = p.indexOf('-');
      try {
        if (dash < 0) {
          cpus.add(Integer.parseInt(p));
        } else {
          int a = Integer.parseInt(p.substring(0, dash));
          int b = Integer.parseInt(p.substring(dash + 1));
          if (b < a) {
            throw new InputException("bad CPU range '" + p + "' in '" + list + "'");
          }
          for (int c = a; c <= b; c++) {
            cpus.add(c);
          }
        }
      } catch (NumberFormatException e) {
        throw new InputException("bad CPU list '" + list + "': expected numbers and ranges like 0-3,8");
      }
    }
    return cpus;
  }

  /** "64M" -> 67108864: a size in bytes with an optional K, M or G suffix (powers of 1024). */
  public static long parseSize(String text, String option) {
    String s = text.trim().toUpperCase(Locale.ROOT);
    if (s.endsWith("IB") || s.endsWith("B") && s.length() > 1 && !Character.isDigit(s.charAt(s.length() - 2))) {
      s = s.substring(0, s.length() - (s.endsWith("IB") ? 2 : 1));
    }
    long unit = 1;
    if (!s.isEmpty() && "KMG".indexOf(s.charAt(s.length() - 1)) >= 0) {
      unit = 1L << (10 * ("KMG".indexOf(s.charAt(s.length() - 1)) + 1));
      s = s.substring(0, s.length() - 1);
    }
    try {
      double v = Double.parseDouble(s.trim());
      if (!(v >= 0) || v * unit > Long.MAX_VALUE) {
        throw new NumberFormatException();
      }
      return (long) (v * unit);
    } catch (NumberFormatException e) {
      throw new InputException(option + " " + text + ": not a size (e.g. 65536, 512K, 64M, 1G)");
    }
  }

  /** 8.0 -> "8", 0.5 -> "0.5", 2.125 -> "2.125": a number as a person would write it (3 decimals at most). */
  public static String number(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return new java.math.BigDecimal(v).setScale(3, java.math.RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString();
  }

  public static String percent(double share) {
    return String.format(Locale.US, "%.1f%%", share * 100);
  }

  public static String plural(long n, String one, String many) {
    return n + " " + (n == 1 ? one : many);
  }
}
