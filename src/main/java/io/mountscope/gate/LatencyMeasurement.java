package io.mountscope.gate;

import java.util.List;

/**
 * How the p99 start latency was measured: the storm pattern standing for the idmap strategy, the
 * layers and concurrency, and per round the stress engine's latency percentiles (ms); the gate
 * judges the median of the rounds' p99s, so one noisy round cannot decide it.
 */
public record LatencyMeasurement(String pattern, int layers, int concurrency, long startsPerRound, List<Round> rounds,
    double medianP99Millis) {

  /** One storm: its percentiles in milliseconds and its starts per second. */
  public record Round(double p50, double p95, double p99, double max, double startsPerSecond) {}
}
