package io.mountscope.recipe;

import io.mountscope.journal.Intent;
import io.mountscope.journal.JournalEntry;
import io.mountscope.recipe.actuator.Actuator;
import io.mountscope.recipe.actuator.Plan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A test actuator "file": a setting kept in a file of {@code dir} stands in for a sysctl. "fail"
 * as the value makes apply throw after writing, as a half-made change would.
 */
final class FileSetting implements Actuator {
  private final Path dir;

  FileSetting(Path dir) {
    this.dir = dir;
  }

  @Override
  public String name() {
    return "file";
  }

  @Override
  public String describe() {
    return "a test setting";
  }

  @Override
  public Plan plan(String target, String value) {
    try {
      return new Plan(List.of(new Intent("file", target, Files.readString(dir.resolve(target)), value)),
          "file " + target + " -> " + value);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Override
  public String apply(Intent i) throws Exception {
    Files.writeString(dir.resolve(i.target()), i.newValue());
    if (i.newValue().equals("fail")) {
      throw new IllegalStateException("device busy");
    }
    return "written";
  }

  @Override
  public String undo(JournalEntry.Change c) throws Exception {
    Files.writeString(dir.resolve(c.target()), c.oldValue());
    return "restored " + c.oldValue();
  }
}
