package io.mountscope.recipe.actuator;

import io.mountscope.journal.Intent;
import io.mountscope.journal.JournalEntry;
import io.mountscope.util.InputException;
import io.mountscope.util.UnavailableException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A kernel setting under /proc/sys, named as sysctl(8) names it ({@code kernel.timer_migration}). */
public final class SysctlActuator implements Actuator {
  public static final String NAME = "sysctl";
  private final Path root;

  public SysctlActuator() {
    this(Path.of("/proc/sys"));
  }

  SysctlActuator(Path root) {
    this.root = root;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String describe() {
    return "target: a sysctl key (kernel.timer_migration); value: what to write, checked by reading it back";
  }

  /** The file of a key: dots become slashes, as sysctl(8) does. */
  Path file(String key) {
    if (!key.matches("[A-Za-z0-9_.\\-/]+") || key.contains("..") || key.startsWith("/") || key.startsWith(".")) {
      throw new InputException("sysctl '" + key + "': not a sysctl key (like kernel.timer_migration)");
    }
    return root.resolve(key.replace('.', '/'));
  }

  @Override
  public Plan plan(String target, String value) {
    Path f = file(target);
    if (!Files.isRegularFile(f)) {
      throw new InputException("sysctl " + target + ": no such key on this kernel (no " + f + ")");
    }
    if (!Files.isWritable(f)) {
      throw new UnavailableException("sysctl " + target + " cannot be written here (" + f + " is read-only to this user)",
          "run as root; some keys are read-only in containers");
    }
    String old = SysFiles.read(f);
    return new Plan(List.of(new Intent(NAME, target, old, value, "sysctl " + target)),
        "sysctl " + target + ": " + SysFiles.normal(old) + " -> " + value);
  }

  @Override
  public String apply(Intent intent) {
    return SysFiles.writeChecked(file(intent.target()), intent.newValue());
  }

  @Override
  public String undo(JournalEntry.Change change) {
    Path f = file(change.target());
    if (SysFiles.same(SysFiles.read(f), change.oldValue())) {
      return "already " + SysFiles.normal(change.oldValue());
    }
    return "restored " + SysFiles.normal(change.oldValue()) + ", " + SysFiles.writeChecked(f, change.oldValue());
  }
}
