package io.mountscope.probe.mounts;

import java.util.List;

/**
 * One line of a mountinfo file, unescaped: ids, device, root within the filesystem, mount point,
 * per-mount options, optional fields (shared:N, master:N, propagate_from:N, unbindable), filesystem
 * type, source and superblock options.
 */
public record MountEntry(
    long id,
    long parentId,
    int major,
    int minor,
    String root,
    String mountPoint,
    String mountOptions,
    List<String> optionalFields,
    String fsType,
    String source,
    String superOptions) {

  /** The mount is idmapped (the kernel adds "idmapped" to the per-mount options). */
  public boolean idmapped() {
    return hasOption(mountOptions, "idmapped");
  }

  /** Whether a comma-separated option list has {@code option} as a whole item (or as "option=..."). */
  public static boolean hasOption(String options, String option) {
    int from = 0;
    while (true) {
      int i = options.indexOf(option, from);
      if (i < 0) {
        return false;
      }
      int end = i + option.length();
      boolean startsItem = i == 0 || options.charAt(i - 1) == ',';
      boolean endsItem = end == options.length() || options.charAt(end) == ',' || options.charAt(end) == '=';
      if (startsItem && endsItem) {
        return true;
      }
      from = i + 1;
    }
  }
}
