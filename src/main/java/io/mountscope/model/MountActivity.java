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

  /** A process issuing mount syscalls, with its rate per second. */
  public record ProcessRate(int pid, String comm, double rate) {}
}
