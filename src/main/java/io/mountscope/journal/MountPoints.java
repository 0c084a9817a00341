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

  static String unescape(String s) {
    return Procfs.unescapeMountinfo(s);
  }
}
