package io.mountscope.util;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Tiny readers of single-value kernel files, returning empty instead of throwing. */
public final class Procfs {
  private Procfs() {}

  /**
   * The file's content without the trailing newline, or empty when it cannot be read.
   * Streams the file: Files.readString trusts the reported size, and on /proc/sys files
   * (size 0) JDK 17 returns only the first byte.
   */
  public static Optional<String> read(Path path) {
    try (InputStream in = Files.newInputStream(path)) {
      return Optional.of(stripNewline(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  public static Optional<String> read(String path) {
    return read(Path.of(path));
  }

  public static Optional<Long> readLong(String path) {
    return read(path).flatMap(Procfs::parseLong);
  }

  public static Optional<Long> parseLong(String s) {
    try {
      return Optional.of(Long.parseLong(s.trim()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /**
   * The fields of a /proc/PID/stat file after the command name, which may hold spaces and
   * parentheses: index 0 is field 3 (state), 11 and 12 utime and stime, 19 starttime.
   */
  public static Optional<String[]> statFields(String path) {
    return read(path).flatMap(stat -> {
      int close = stat.lastIndexOf(')');
      return close < 0 || close + 2 > stat.length() ? Optional.empty()
          : Optional.of(stat.substring(close + 2).split(" "));
    });
  }

  /** utime + stime of a /proc/PID/stat file, in USER_HZ ticks (10 ms). */
  public static Optional<Long> cpuTicks(String path) {
    return statFields(path).filter(f -> f.length > 12)
        .flatMap(f -> parseLong(f[11]).flatMap(u -> parseLong(f[12]).map(st -> u + st)));
  }

  /** A field of /proc/self/status, such as "CapEff" or "Uid". */
  public static Optional<String> selfStatus(String field) {
    return read("/proc/self/status").flatMap(s -> {
      for (String line : s.split("\n")) {
        int colon = line.indexOf(':');
        if (colon > 0 && line.substring(0, colon).equals(field)) {
          return Optional.of(line.substring(colon + 1).trim());
        }
      }
      return Optional.empty();
    });
  }

  /** The effective uid of this process, or -1 if /proc is unreadable. */
  public static long effectiveUid() {
    return selfStatus("Uid").map(v -> v.split("\\s+")).filter(f -> f.length > 1)
        .flatMap(f -> parseLong(f[1])).orElse(-1L);
  }

  /** A mountinfo field as the kernel escapes it: space, tab, newline and backslash as a backslash and three octal digits. */
  public static String unescapeMountinfo(String s) {
    if (s.indexOf('\\') < 0) {
      return s;
    }
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 3 < s.length() && isOctal(s.charAt(i + 1)) && isOctal(s.charAt(i + 2)) && isOctal(s.charAt(i + 3))) {
        b.append((char) Integer.parseInt(s.substring(i + 1, i + 4), 8));
        i += 3;
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  private static boolean isOctal(char c) {
    return c >= '0' && c <= '7';
  }

  private static String stripNewline(String s) {
    int end = s.length();
    while (end > 0 && (s.charAt(end - 1) == '\n' || s.charAt(end - 1) == '\r')) {
      end--;
    }
    return s.substring(0, end);
  }
}
