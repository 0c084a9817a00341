package io.mountscope.probe.mounts;

import java.util.regex.Pattern;

/**
 * The shape of a mount point with its ids wildcarded, so that 80,000 mounts collapse into the few
 * places that made them: /run/containerd/io.containerd.runtime.v2.task/k8s.io/STAR/rootfs and so on.
 */
public final class MountPattern {
  /** Container and pod ids, UUIDs, long hex digests. */
  private static final Pattern ID = Pattern.compile("[0-9a-fA-F]{12,}|[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}");
  /** Numbers inside names: ovl-idmapped12345, snapshots/4711. */
  private static final Pattern NUMBER = Pattern.compile("[0-9]{2,}");

  private MountPattern() {}

  /** The mount point with id-like parts replaced by "*" and at most {@code depth} directories kept. */
  public static String of(String mountPoint, int depth) {
    StringBuilder b = new StringBuilder(mountPoint.length());
    int kept = 0;
    for (String part : mountPoint.split("/")) {
      if (part.isEmpty()) {
        continue;
      }
      if (kept == depth) {
        b.append("/...");
        break;
      }
      String p = ID.matcher(part).replaceAll("*");
      p = NUMBER.matcher(p).replaceAll("*");
      if (p.chars().allMatch(c -> c == '*' || c == '-' || c == '_')) {
        p = "*";
      }
      b.append('/').append(p);
      kept++;
    }
    return b.length() == 0 ? "/" : b.toString();
  }
}
