package io.mountscope.plugins.systemd;

import io.mountscope.plugin.api.Finding;
import io.mountscope.plugin.api.Rule;
import io.mountscope.plugin.api.RuleInput;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Fires when systemd burns CPU on mount events: pid 1 above a quarter of a CPU while mounts
 * change (mount syscalls node-wide, or mount units coming and going in its namespace).
 */
public final class SystemdRule implements Rule {
  static final double CPU_SHARE = 0.25;
  static final double MOUNT_RATE = 50;
  static final double UNIT_RATE = 5;

  @Override
  public List<Finding> evaluate(RuleInput in) {
    Optional<Map<String, Object>> part = in.part("systemd-pressure");
    if (part.isEmpty() || !(part.get().get("cpuShare") instanceof Number cpu) || cpu.doubleValue() < CPU_SHARE) {
      return List.of();
    }
    double units = part.get().get("mountUnitsPerSecond") instanceof Number u ? Math.abs(u.doubleValue()) : 0;
    double mounts = in.metric("mountActivity.totalRate").orElse(0.0);
    if (mounts < MOUNT_RATE && units < UNIT_RATE) {
      return List.of();
    }
    Map<String, Double> values = new LinkedHashMap<>();
    values.put("systemd-pressure.cpuShare", cpu.doubleValue());
    values.put("systemd-pressure.mountUnitsPerSecond", units);
    values.put("mountActivity.totalRate", mounts);
    List<String> evidence = new ArrayList<>();
    evidence.add(String.format(Locale.ROOT, "systemd (pid 1) used %.0f%% of a CPU", cpu.doubleValue() * 100));
    evidence.add(String.format(Locale.ROOT, "%.0f mount syscalls/s on the node; systemd's mount units change %.1f/s (%s units)",
        mounts, units, part.get().get("mountUnits")));
    evidence.add("systemd re-reads /proc/self/mountinfo on every change in its namespace: private mount namespaces "
        + "for the storm (or fewer mounts per start) take this load off it");
    return List.of(new Finding("systemd-mount-pressure", cpu.doubleValue() >= 2 * CPU_SHARE ? "critical" : "warning",
        String.format(Locale.ROOT, "systemd burns %.0f%% of a CPU on mount events", cpu.doubleValue() * 100),
        evidence, values));
  }
}
