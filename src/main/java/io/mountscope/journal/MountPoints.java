package io.mountscope.journal;

import io.mountscope.util.Procfs;
import java.util.ArrayList;
import java.util.List;

/** The mount points of this process's mount namespace, from /proc/self/mountinfo (field 5). */
final class MountPoints {
  private MountPoints() {}

  static List<String> all() {
    List<String> points = new ArrayList<>();
    for (String line : Procfs.read("/proc/self/mountinfo").orElse("").split("\n")) {
      String[] f = line.split(" ");
      if (f.length > 4) {
        points.add(unescape(f[4]));
      }
    }
    return points;
  }

  /** How many mounts sit exactly on {@code path}. */
  static long on(String path) {
    return all().stream().filter(path::equals).count();
  }

  /** How many mounts sit on {@code path} or anywhere beneath it. */
  static long atOrBelow(String path) {
    String prefix = path.endsWith("/") ? path : path + "/";
    return all().stream().filter(p -> p.equals(path) || p.startsWith(prefix)).count();
  }

  /** The kernel escapes space, tab, newline and backslash as three octal digits. */
  static String unescape(String s) {
    if (s.indexOf('\\') < 0) {
      return s;
    }
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && isOctal(s, i + 1)) {
        b.append((char) Integer.parseInt(s.substring(i + 1, i + 4), 8));
        i += 3;
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  private static boolean isOctal(String s, int from) {
    if (from + 3 > s.length()) {
      return false;
    }
    for (int i = from; i < from + 3; i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '7') {
        return false;
      }
    }
    return true;
  }
}
