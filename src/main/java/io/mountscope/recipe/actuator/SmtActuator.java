package io.mountscope.recipe.actuator;

import io.mountscope.journal.Intent;
import io.mountscope.journal.JournalEntry;
import io.mountscope.util.InputException;
import io.mountscope.util.UnavailableException;
import java.nio.file.Path;
import java.util.List;

/**
 * Simultaneous multithreading on or off for the whole node, through the kernel's switch
 * {@code /sys/devices/system/cpu/smt/control}. The kernel reports when it cannot be switched
 * (no SMT siblings, a hypervisor that hides them, forced off at boot); the actuator then refuses
 * before anything is journaled or written.
 */
public final class SmtActuator implements Actuator {
  public static final String NAME = "smt";
  private final Path control;

  public SmtActuator() {
    this(Path.of("/sys/devices/system/cpu/smt/control"));
  }

  SmtActuator(Path control) {
    this.control = control;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String describe() {
    return "target: control; value: on or off (every sibling CPU goes offline or comes back)";
  }

  @Override
  public Plan plan(String target, String value) {
    if (!"control".equals(target)) {
      throw new InputException("smt: the target is 'control' (the kernel's one SMT switch), not '" + target + "'");
    }
    if (!value.equals("on") && !value.equals("off")) {
      throw new InputException("smt: the value is on or off, not '" + value + "'");
    }
    String now = io.mountscope.util.Procfs.read(control).orElse("notimplemented");
    if (!now.equals("on") && !now.equals("off")) {
      throw new UnavailableException("SMT cannot be switched here: " + whyNot(now), "nothing to do on this node");
    }
    return new Plan(List.of(new Intent(NAME, "control", now, value, "SMT " + value)), "SMT: " + now + " -> " + value);
  }

  /** What the kernel's state word means, in a sentence. */
  public static String whyNot(String state) {
    return switch (state) {
      case "notsupported" -> "the kernel reports 'notsupported': this CPU has no SMT siblings, or the hypervisor does "
          + "not show them to this VM";
      case "forceoff" -> "SMT was forced off at boot (nosmt=force) and cannot come back without a reboot";
      case "notimplemented" -> "this kernel has no SMT switch (CONFIG_HOTPLUG_SMT is off)";
      default -> "the kernel reports '" + state + "'";
    };
  }

  @Override
  public String apply(Intent intent) {
    return SysFiles.writeChecked(control, intent.newValue());
  }

  @Override
  public String undo(JournalEntry.Change change) {
    String now = SysFiles.read(control);
    if (SysFiles.same(now, change.oldValue())) {
      return "already " + now;
    }
    return "restored, " + SysFiles.writeChecked(control, change.oldValue());
  }
}
