package io.mountscope.util;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where mountscope keeps its files: logs, state (journal, history, training scores).
 * Root uses the system locations; other users their XDG state directory. MOUNTSCOPE_STATE_DIR
 * and MOUNTSCOPE_LOG_DIR override both, which the tests use to stay out of the system's way.
 */
public final class Dirs {
  private Dirs() {}

  public static boolean isRoot() {
    return Procfs.effectiveUid() == 0;
  }

  /** Directory of the log file. */
  public static Path logDir() {
    String env = System.getenv("MOUNTSCOPE_LOG_DIR");
    if (env != null && !env.isBlank()) {
      return Path.of(env);
    }
    return isRoot() ? Path.of("/var/log/mountscope") : userStateHome().resolve("mountscope");
  }

  /** Directory for persistent state: change journal, console history, training progress. */
  public static Path stateDir() {
    String env = System.getenv("MOUNTSCOPE_STATE_DIR");
    if (env != null && !env.isBlank()) {
      return Path.of(env);
    }
    return isRoot() ? Path.of("/var/lib/mountscope") : userStateHome().resolve("mountscope");
  }

  /**
   * Where recipe files are looked up, in order: MOUNTSCOPE_RECIPES (a ':'-separated list), the
   * install's recipes/ ({@code mountscope.home}, set by the launcher), and in a source checkout
   * (the launcher in target/dist) the repository's recipes/. Only existing directories.
   */
  public static List<Path> recipeDirs() {
    List<Path> dirs = new ArrayList<>(fromEnvironment("MOUNTSCOPE_RECIPES"));
    String home = System.getProperty("mountscope.home");
    if (home != null && !home.isBlank()) {
      Path h = Path.of(home).toAbsolutePath().normalize();
      dirs.add(h.resolve("recipes"));
      Path parent = h.getParent();
      if (parent != null && parent.getFileName() != null && parent.getFileName().toString().equals("target")
          && parent.getParent() != null) {
        dirs.add(parent.getParent().resolve("recipes"));
      }
    }
    return dirs.stream().filter(Files::isDirectory).distinct().toList();
  }

  /** The directories of a ':'-separated list in environment variable {@code name} (none when unset). */
  public static List<Path> fromEnvironment(String name) {
    List<Path> dirs = new ArrayList<>();
    String env = System.getenv(name);
    if (env != null && !env.isBlank()) {
      for (String p : env.split(":")) {
        if (!p.isBlank()) {
          dirs.add(Path.of(p));
        }
      }
    }
    return dirs;
  }

  public static Path logFile() {
    return logDir().resolve("mountscope.log");
  }

  private static Path userStateHome() {
    String xdg = System.getenv("XDG_STATE_HOME");
    if (xdg != null && !xdg.isBlank()) {
      return Path.of(xdg);
    }
    return Path.of(System.getProperty("user.home"), ".local", "state");
  }
}
