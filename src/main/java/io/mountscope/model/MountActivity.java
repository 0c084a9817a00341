package io.mountscope.model;

import java.util.List;
import java.util.Map;

/**
 * Mount syscall activity: cumulative counters per syscall kind since the probe started, rates per
 * second over the last tick, and the processes issuing the most mount syscalls.
 */
public record MountActivity(
    Map<String, Long> counters,
    Map<String, Double> rates,
    List<ProcessRate> topProcesses) {

  /** Counters summed over CPUs, and rates per second against the previous tick. */
  public static MountActivity derive(MountCounters now, MountCounters before, double seconds) {
    if (now == null) {
      return null;
    }
    java.util.Map<String, Long> counters = new java.util.LinkedHashMap<>();
    java.util.Map<String, Double> rates = new java.util.LinkedHashMap<>();
    now.perCpu().forEach((kind, cpus) -> {
      long total = java.util.Arrays.stream(cpus).sum();
      counters.put(kind, total);
      long previous = before == null || !before.perCpu().containsKey(kind) ? total
          : java.util.Arrays.stream(before.perCpu().get(kind)).sum();
      rates.put(kind, seconds > 0 ? (total - previous) / seconds : 0.0);
    });
    return new MountActivity(counters, rates, List.of());
  }

  /** A process issuing mount syscalls, with its rate per second. */
  public record ProcessRate(int pid, String comm, double rate) {}
}
