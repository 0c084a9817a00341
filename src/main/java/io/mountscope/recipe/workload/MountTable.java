package io.mountscope.recipe.workload;

import io.mountscope.util.Procfs;
import java.util.ArrayList;
import java.util.List;

/** The mounts of a mount namespace as /proc/.../mountinfo lists them, the fields recipes need. */
public final class MountTable {
  /** One mountinfo line: id, parent, root within its filesystem, mount point, fs type, source, options. */
  public record Mount(int id, int parent, String root, String mountPoint, String fsType, String source, String options) {
    /** "tmpfs tmpfs rw,relatime" */
    public String describe() {
      return fsType + " " + source + " " + options;
    }
  }

  private MountTable() {}

  /** This process's namespace (the thread group leader's). */
  public static List<Mount> self() {
    return parse(Procfs.read("/proc/self/mountinfo").orElse(""));
  }

  /** The calling thread's namespace (a thread that unshared has its own). */
  public static List<Mount> threadSelf() {
    return parse(Procfs.read("/proc/thread-self/mountinfo").orElse(""));
  }

  public static List<Mount> parse(String mountinfo) {
    List<Mount> out = new ArrayList<>();
    for (String line : mountinfo.split("\n")) {
      String[] f = line.split(" ");
      int dash = java.util.Arrays.asList(f).indexOf("-");
      if (f.length < 7 || dash < 6 || dash + 2 >= f.length) {
        continue;
      }
      try {
        out.add(new Mount(Integer.parseInt(f[0]), Integer.parseInt(f[1]), Procfs.unescapeMountinfo(f[3]), Procfs.unescapeMountinfo(f[4]), f[dash + 1],
            Procfs.unescapeMountinfo(f[dash + 2]), f[5]));
      } catch (NumberFormatException e) {
        // not a mountinfo line
      }
    }
    return out;
  }
}
