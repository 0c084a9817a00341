package io.mountscope.recipe.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** Before/after verdicts on start latencies with known shapes: log-normal, like container starts under lock contention. */
class StatisticsTest {
  /** n log-normal start latencies around {@code medianMs}, in nanoseconds, scaled by {@code factor}. */
  private static long[] starts(int n, double medianMs, double factor, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    long[] out = new long[n];
    for (int i = 0; i < n; i++) {
      double z = gaussian(r);
      out[i] = Math.max(1, Math.round(medianMs * 1e6 * Math.exp(0.6 * z) * factor));
    }
    return out;
  }

  private static double gaussian(SplittableRandom r) {
    return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
  }

  private static Histogram histogram(long[] values) {
    Histogram h = new Histogram(3);
    for (long v : values) {
      h.recordValue(v);
    }
    return h;
  }

  @Test
  void the_common_parent_strategy_halving_start_latency_is_better_with_a_tight_interval() {
    Comparison c = Statistics.compare(Metric.P50, histogram(starts(2000, 3.0, 1, 1)), 500, histogram(starts(2000, 3.0, 0.5, 2)), 1000);
    assertThat(c.verdict()).isEqualTo(Effect.BETTER);
    assertThat(c.ratio()).isCloseTo(0.5, within(0.05));
    assertThat(c.ciLow()).isLessThan(c.ratio()).isGreaterThan(0.42);
    assertThat(c.ciHigh()).isGreaterThan(c.ratio()).isLessThan(0.58);
    assertThat(c.pValue()).isLessThan(1e-6);
    assertThat(c.throughputRatio()).isEqualTo(2.0);
  }

  @Test
  void a_sysctl_that_changes_nothing_gets_no_significant_difference_and_an_interval_around_one() {
    Comparison c = Statistics.compare(Metric.P50, histogram(starts(1500, 3.0, 1, 3)), 500, histogram(starts(1500, 3.0, 1, 4)), 500);
    assertThat(c.verdict()).isEqualTo(Effect.NO_DIFFERENCE);
    assertThat(c.ciLow()).isLessThanOrEqualTo(1.0);
    assertThat(c.ciHigh()).isGreaterThanOrEqualTo(1.0);
  }

  @Test
  void a_slower_setting_is_worse() {
    Comparison c = Statistics.compare(Metric.P99, histogram(starts(3000, 3.0, 1, 5)), 500, histogram(starts(3000, 3.0, 1.4, 6)), 400);
    assertThat(c.verdict()).isEqualTo(Effect.WORSE);
    assertThat(c.ratio()).isGreaterThan(1.2);
  }

  @Test
  void a_two_percent_shift_over_many_starts_is_significant_but_too_small_to_call() {
    Comparison c = Statistics.compare(Metric.P50, histogram(starts(50_000, 3.0, 1, 7)), 500,
        histogram(starts(50_000, 3.0, 0.98, 8)), 510);
    assertThat(c.pValue()).isLessThan(0.05);
    assertThat(c.verdict()).isEqualTo(Effect.NO_DIFFERENCE);
  }

  @Test
  void the_order_statistic_bootstrap_agrees_with_resampling_the_values() {
    long[] before = starts(400, 3.0, 1, 9);
    long[] after = starts(300, 3.0, 0.8, 10);
    double[] fast = Statistics.bootstrap(Metric.P50, histogram(before), histogram(after));
    // The textbook percentile bootstrap: resample both sides with replacement, take the ratio of medians.
    SplittableRandom r = new SplittableRandom(11);
    int b = 4000;
    double[] ratios = new double[b];
    Histogram hb = histogram(before);
    Histogram ha = histogram(after);
    for (int i = 0; i < b; i++) {
      double mb = median(resample(before, r), hb);
      ratios[i] = median(resample(after, r), ha) / mb;
    }
    Arrays.sort(ratios);
    double lo = ratios[(int) (0.025 * b)];
    double hi = ratios[(int) (0.975 * b)];
    assertThat(fast[0]).isCloseTo(lo, within(0.03));
    assertThat(fast[1]).isCloseTo(hi, within(0.03));
  }

  /** A resample's median as the histogram would report it (same bucket precision as the fast path). */
  private static double median(long[] values, Histogram precision) {
    long[] s = values.clone();
    Arrays.sort(s);
    long v = s[(int) Math.max(0, Math.round(0.5 * s.length) - 1)];
    return precision.highestEquivalentValue(v);
  }

  private static long[] resample(long[] v, SplittableRandom r) {
    long[] out = new long[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = v[r.nextInt(v.length)];
    }
    return out;
  }

  @Test
  void the_tested_values_are_every_start_or_evenly_spaced_quantiles_of_a_long_run() {
    Histogram small = histogram(starts(1000, 2, 1, 12));
    double[] all = Statistics.sample(small, 50_000);
    assertThat(all).hasSize(1000);
    assertThat(all).isSorted();
    Histogram big = histogram(starts(120_000, 2, 1, 13));
    double[] some = Statistics.sample(big, 50_000);
    assertThat(some).hasSize(50_000).isSorted();
    assertThat(some[25_000] / 1e6).isCloseTo(big.getValueAtPercentile(50) / 1e6, within(0.05));
  }
}
