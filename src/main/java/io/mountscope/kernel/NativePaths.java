package io.mountscope.kernel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where JNA looks for the libraries it loads by name (libc; libudev for OSHI). Unless told,
 * JNA's start runs {@code /sbin/ldconfig -p} to learn the directories: a fork and exec on the way
 * to the dashboard's first frame, for what the standard multiarch layout already says.
 */
public final class NativePaths {
  static final String PROPERTY = "jna.platform.library.path";

  private NativePaths() {}

  /** Sets JNA's platform library path to the standard directories of this architecture, unless it is set. */
  public static void giveJnaTheLibraryDirectories() {
    if (System.getProperty(PROPERTY) == null) {
      String dirs = String.join(":", standard(System.getProperty("os.arch", ""), Path.of("/")));
      if (!dirs.isEmpty()) {
        System.setProperty(PROPERTY, dirs);
      }
    }
  }

  /**
   * The library directories that exist under {@code root}, in the order JNA itself tries them:
   * Debian's and Ubuntu's multiarch directories, then lib64 (Red Hat, SUSE), then lib.
   */
  static List<String> standard(String osArch, Path root) {
    String arch = switch (osArch.toLowerCase(Locale.ROOT)) {
      case "amd64", "x86_64" -> "x86_64";
      case "aarch64", "arm64" -> "aarch64";
      default -> osArch;
    };
    String tuple = arch + "-linux-gnu";
    List<String> out = new ArrayList<>();
    for (String d : new String[] {"/usr/lib/" + tuple, "/lib/" + tuple, "/usr/lib64", "/lib64", "/usr/lib", "/lib"}) {
      if (Files.isDirectory(root.resolve(d.substring(1)))) {
        out.add(d);
      }
    }
    return out;
  }
}
