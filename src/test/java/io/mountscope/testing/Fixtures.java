package io.mountscope.testing;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** Captured files under src/test/resources (each directory's SOURCE.md says where they came from). */
public final class Fixtures {
  private Fixtures() {}

  /** The path of a resource, e.g. {@code path("kernel/kallsyms-hidden.txt")}. */
  public static Path path(String resource) {
    try {
      var url = Fixtures.class.getResource("/" + resource);
      if (url == null) {
        throw new IllegalArgumentException("no test resource " + resource);
      }
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
