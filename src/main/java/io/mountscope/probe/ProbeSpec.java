package io.mountscope.probe;

import java.time.Duration;

/**
 * A probe as the sampler schedules it: its name (the key in {@code Sample.probes}), how often it
 * reads, how long a read may take before its part is marked stale, and how long the first read
 * may take (starting perf events or OSHI costs more than reading them later).
 */
public record ProbeSpec<T>(String name, Probe<T> probe, Duration interval, Duration budget, Duration firstBudget) {

  /** A probe whose first read has the same budget as the others. */
  public ProbeSpec(String name, Probe<T> probe, Duration interval, Duration budget) {
    this(name, probe, interval, budget, budget);
  }

  /** A probe that reads once per session (things that change only with hotplug). */
  public static <T> ProbeSpec<T> once(String name, Probe<T> probe, Duration budget) {
    return new ProbeSpec<>(name, probe, Duration.ofDays(365), budget, budget);
  }
}
