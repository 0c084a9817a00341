package io.mountscope.stress;

import org.HdrHistogram.Histogram;

/** Per-start latency percentiles in milliseconds, from an HdrHistogram of nanoseconds. */
public record Latency(double p50, double p95, double p99, double max, double mean) {
  public static Latency of(Histogram h) {
    if (h.getTotalCount() == 0) {
      return new Latency(0, 0, 0, 0, 0);
    }
    return new Latency(ms(h.getValueAtPercentile(50)), ms(h.getValueAtPercentile(95)), ms(h.getValueAtPercentile(99)),
        ms(h.getMaxValue()), h.getMean() / 1e6);
  }

  private static double ms(long nanos) {
    return nanos / 1e6;
  }
}
