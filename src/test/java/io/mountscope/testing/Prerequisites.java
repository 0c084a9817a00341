package io.mountscope.testing;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Integration-test prerequisites are mandatory: a missing one fails the test with a message that
 * names the package to install (install.sh --test installs them all). Nothing is skipped.
 */
public final class Prerequisites {
  private Prerequisites() {}

  /** Fails unless {@code command} is on PATH. */
  public static Path command(String command, String debianPackage) {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator)) {
      Path p = Path.of(dir, command);
      if (Files.isExecutable(p)) {
        return p;
      }
    }
    throw new AssertionError("prerequisite missing: '" + command + "' (Debian package " + debianPackage
        + "); run ./install.sh --test, which installs every test prerequisite");
  }

  /** Fails unless the tests run as root (mount namespaces, perf, containerd need it). */
  public static void root() {
    if (!"root".equals(System.getProperty("user.name"))) {
      throw new AssertionError("prerequisite missing: integration tests run as root (as CI does): sudo ./install.sh --test");
    }
  }
}
