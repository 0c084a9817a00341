package io.mountscope.plugin;

import io.mountscope.journal.Intent;
import io.mountscope.journal.JournalEntry;
import io.mountscope.recipe.actuator.Actuator;
import io.mountscope.recipe.actuator.Actuators;
import io.mountscope.recipe.actuator.Plan;
import io.mountscope.util.InputException;
import java.util.List;
import java.util.Objects;

/**
 * A plugin's actuator as the recipe engine sees one: plan reads the old value (a bad target is
 * exit 2), the engine journals it, apply writes, undo writes the old value back.
 */
final class PluginActuator implements Actuator {
  private final String plugin;
  private final io.mountscope.plugin.api.Actuator lever;

  PluginActuator(String plugin, io.mountscope.plugin.api.Actuator lever) {
    this.plugin = plugin;
    this.lever = lever;
  }

  /** Adds every loaded plugin's actuators whose names are free. */
  static void addTo(PluginHost host, Actuators actuators) {
    for (Plugin p : host.plugins()) {
      for (io.mountscope.plugin.api.Actuator a : p.actuators()) {
        if (actuators.find(a.name()).isEmpty()) {
          actuators.with(new PluginActuator(p.name(), a));
        }
      }
    }
  }

  @Override
  public String name() {
    return lever.name();
  }

  @Override
  public String describe() {
    return lever.describe() + " (plugin " + plugin + ")";
  }

  @Override
  public Plan plan(String target, String value) {
    String old;
    try {
      old = lever.read(target);
    } catch (IllegalArgumentException e) {
      throw new InputException(name() + " " + target + ": " + e.getMessage());
    } catch (Exception e) {
      throw new IllegalStateException(name() + " (plugin " + plugin + ") cannot read " + target, e);
    }
    return new Plan(List.of(new Intent(name(), target, old, value, name() + " " + target)),
        name() + " " + target + ": " + old + " -> " + value);
  }

  @Override
  public String apply(Intent intent) throws Exception {
    return lever.write(intent.target(), intent.newValue());
  }

  @Override
  public String undo(JournalEntry.Change change) throws Exception {
    if (Objects.equals(lever.read(change.target()), change.oldValue())) {
      return "already " + change.oldValue();
    }
    return "restored " + change.oldValue() + ", " + lever.write(change.target(), change.oldValue());
  }
}
