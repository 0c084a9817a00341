package io.mountscope.plugin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The check sudo makes before it loads a plugin, for a process running as root: the file and
 * every directory above it (after symlinks) must be owned by root and writable by nobody else.
 * Anyone who could replace a jar on that path could otherwise run code as root.
 */
public final class Ownership {
  private static final int GROUP_WRITE = 0020;
  private static final int OTHER_WRITE = 0002;

  private Ownership() {}

  /** Why {@code path} may not be loaded by root, or empty when it may. */
  public static Optional<String> refusal(Path path) {
    Path real;
    try {
      real = path.toRealPath();
    } catch (IOException e) {
      return Optional.of("cannot resolve " + path + ": " + e.getMessage());
    }
    for (Path p = real; p != null; p = p.getParent()) {
      try {
        int uid = (Integer) Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        int mode = (Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        String what = p.equals(real) ? "" : " (on the path of " + real + ")";
        if (uid != 0) {
          return Optional.of(p + " is owned by uid " + uid + ", not root" + what);
        }
        if ((mode & OTHER_WRITE) != 0) {
          return Optional.of(p + " is writable by others (mode " + octal(mode) + ")" + what);
        }
        if ((mode & GROUP_WRITE) != 0) {
          return Optional.of(p + " is writable by its group (mode " + octal(mode) + ")" + what);
        }
      } catch (IOException | UnsupportedOperationException e) {
        return Optional.of("cannot check the owner of " + p + ": " + e.getMessage());
      }
    }
    return Optional.empty();
  }

  private static String octal(int mode) {
    return String.format(java.util.Locale.US, "%04o", mode & 07777);
  }
}
