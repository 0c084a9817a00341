package io.mountscope.bench;

import io.mountscope.util.InputException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The launcher a benchmark measures: the one given, else the running installation's. */
final class Launchers {
  private Launchers() {}

  static Path resolve(Path given) {
    Path exe = given != null ? given : Path.of(System.getProperty("mountscope.home", "/opt/mountscope"), "bin", "mountscope");
    if (!Files.isExecutable(exe)) {
      throw new InputException("no launcher at " + exe + " (pass --launcher PATH)");
    }
    return exe;
  }

  /** Whether install.sh left a class-data-sharing archive next to the launcher's jars. */
  static boolean hasCdsArchive(Path exe) {
    try {
      return Files.exists(exe.toRealPath().getParent().resolveSibling("lib").resolve("mountscope.jsa"));
    } catch (java.io.IOException e) {
      return false;
    }
  }
}
