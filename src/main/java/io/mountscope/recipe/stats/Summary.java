package io.mountscope.recipe.stats;

import org.HdrHistogram.Histogram;

/**
 * One latency distribution as the tables show it: how many values, percentiles and maximum in
 * milliseconds, and the throughput of the run that produced it (operations per second).
 */
public record Summary(long count, double p50, double p95, double p99, double max, double throughput) {
  /** From a histogram of nanoseconds. */
  public static Summary of(Histogram h, double throughput) {
    if (h.getTotalCount() == 0) {
      return new Summary(0, 0, 0, 0, 0, throughput);
    }
    return new Summary(h.getTotalCount(), ms(h.getValueAtPercentile(50)), ms(h.getValueAtPercentile(95)),
        ms(h.getValueAtPercentile(99)), ms(h.getMaxValue()), throughput);
  }

  public double at(Metric m) {
    return switch (m) {
      case P50 -> p50;
      case P95 -> p95;
      case P99 -> p99;
    };
  }

  private static double ms(long nanos) {
    return nanos / 1e6;
  }
}
