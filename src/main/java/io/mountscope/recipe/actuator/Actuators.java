package io.mountscope.recipe.actuator;

import io.mountscope.journal.UndoRegistry;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The actuators a run may use, by name. {@link #standard()} has mountscope's own; plugins add
 * theirs with {@link #with}. {@link #undoRegistry()} is what rollback and {@code recover} use, so
 * every journaled kind can be undone after a crash.
 */
public final class Actuators {
  private final Map<String, Actuator> byName = new LinkedHashMap<>();
  private final ConcurrencyCap cap = new ConcurrencyCap();

  private Actuators() {}

  /** sysctl, smt, cpu-affinity, concurrency-cap, umount and the plugins' actuators; a fresh concurrency cap per call (one per run). */
  public static Actuators standard() {
    Actuators a = new Actuators().with(new SysctlActuator()).with(new SmtActuator()).with(new CpuAffinityActuator())
        .with(new UnmountActuator());
    io.mountscope.plugin.PluginHost.get().addActuators(a);
    return a;
  }

  public Actuators with(Actuator a) {
    byName.put(a.name(), a);
    return this;
  }

  public Optional<Actuator> find(String name) {
    return name.equals(ConcurrencyCap.NAME) ? Optional.of(cap) : Optional.ofNullable(byName.get(name));
  }

  public Set<String> names() {
    Set<String> names = new java.util.LinkedHashSet<>(byName.keySet());
    names.add(ConcurrencyCap.NAME);
    return names;
  }

  /** The run's workload cap (read by the storms a recipe measures). */
  public ConcurrencyCap cap() {
    return cap;
  }

  /** The journal's own kinds (mount, directory) and every node actuator's. */
  public UndoRegistry undoRegistry() {
    UndoRegistry r = UndoRegistry.standard();
    byName.values().stream().filter(Actuator::onNode).forEach(a -> r.register(a.name(), a::undo));
    return r;
  }
}
