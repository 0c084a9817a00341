package io.mountscope.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Log and state directories of the test run, under target/, so tests never write the system's. */
public final class TestDirs {
  private TestDirs() {}

  public static Path logDir() {
    return dir("test-log");
  }

  public static Path stateDir() {
    return dir("test-state");
  }

  private static Path dir(String name) {
    Path p = Path.of("target", name).toAbsolutePath();
    try {
      Files.createDirectories(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p;
  }
}
