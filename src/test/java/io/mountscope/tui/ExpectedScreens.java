package io.mountscope.tui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Expected screens under src/test/resources/tui/screens: a rendering change shows up as a text
 * diff. The actual screen is always written to target/screens; run with
 * -Dmountscope.updateScreens=true to accept it as the new expectation (then review the git diff).
 */
final class ExpectedScreens {
  private static final Path EXPECTED = Path.of("src/test/resources/tui/screens");
  private static final Path ACTUAL = Path.of("target/screens");

  private ExpectedScreens() {}

  static void assertScreen(String name, String actual) {
    try {
      Files.createDirectories(ACTUAL);
      Files.writeString(ACTUAL.resolve(name + ".txt"), actual, StandardCharsets.UTF_8);
      Path expected = EXPECTED.resolve(name + ".txt");
      if (Boolean.getBoolean("mountscope.updateScreens")) {
        Files.createDirectories(EXPECTED);
        Files.writeString(expected, actual, StandardCharsets.UTF_8);
        return;
      }
      assertThat(Files.exists(expected)).as("expected screen %s (create it with -Dmountscope.updateScreens=true)", expected)
          .isTrue();
      assertThat(actual).as("screen %s differs from %s (actual in %s)", name, expected, ACTUAL.resolve(name + ".txt"))
          .isEqualTo(Files.readString(expected, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
