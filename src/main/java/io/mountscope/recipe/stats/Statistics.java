package io.mountscope.recipe.stats;

import java.util.SplittableRandom;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.statistics.distribution.BetaDistribution;
import org.apache.commons.statistics.distribution.ContinuousDistribution;
import org.apache.commons.statistics.inference.MannWhitneyUTest;

/**
 * Compares two latency distributions (HdrHistograms of nanoseconds): the percentile ratio with a
 * percentile-bootstrap confidence interval, and a two-sided Mann-Whitney U test.
 *
 * <p>The bootstrap needs no arrays: in a resample of n values drawn with replacement, the k-th
 * smallest is the value at sorted rank floor(n U)+1, where U, the k-th smallest of n uniforms,
 * follows Beta(k, n-k+1). Each resample is one Beta draw per side and one quantile lookup in the
 * histogram: exact for any n, and cheap. The seed is fixed, so a report is reproducible.
 */
public final class Statistics {
  /** Values per side handed to the U test; larger runs are reduced to this many evenly spaced quantiles. */
  public static final int MAX_TESTED = 50_000;
  public static final int RESAMPLES = 2000;
  public static final double DEFAULT_ALPHA = 0.05;
  public static final double DEFAULT_MIN_EFFECT = 0.05;

  private Statistics() {}

  /** Compares with the default thresholds: p below 0.05 and at least a 5% change of the metric. */
  public static Comparison compare(Metric metric, Histogram before, double throughputBefore, Histogram after,
      double throughputAfter) {
    return compare(metric, before, throughputBefore, after, throughputAfter, DEFAULT_ALPHA, DEFAULT_MIN_EFFECT);
  }

  public static Comparison compare(Metric metric, Histogram before, double throughputBefore, Histogram after,
      double throughputAfter, double alpha, double minEffect) {
    if (before.getTotalCount() < 2 || after.getTotalCount() < 2) {
      throw new IllegalArgumentException("a comparison needs at least two measured values on each side (got "
          + before.getTotalCount() + " and " + after.getTotalCount() + ")");
    }
    Summary b = Summary.of(before, throughputBefore);
    Summary a = Summary.of(after, throughputAfter);
    double ratio = a.at(metric) / b.at(metric);
    double[] ci = bootstrap(metric, before, after);
    double[] xb = sample(before, MAX_TESTED);
    double[] xa = sample(after, MAX_TESTED);
    MannWhitneyUTest.Result u = MannWhitneyUTest.withDefaults().test(xa, xb);
    double tput = throughputBefore > 0 ? throughputAfter / throughputBefore : Double.NaN;
    Effect effect = verdict(ratio, ci[0], ci[1], u.getPValue(), alpha, minEffect);
    return new Comparison(metric, b, a, ratio, ci[0], ci[1], tput, u.getStatistic(), u.getPValue(), alpha, minEffect,
        RESAMPLES, xb.length, xa.length, effect);
  }

  /**
   * Better (or worse) only when all three agree: the U test rejects equal distributions at
   * {@code alpha}, the whole confidence interval lies below (above) 1, and the ratio itself moved
   * by at least {@code minEffect}. Anything else is no significant difference.
   */
  static Effect verdict(double ratio, double low, double high, double p, double alpha, double minEffect) {
    if (p < alpha && high < 1 && ratio <= 1 - minEffect) {
      return Effect.BETTER;
    }
    if (p < alpha && low > 1 && ratio >= 1 + minEffect) {
      return Effect.WORSE;
    }
    return Effect.NO_DIFFERENCE;
  }

  /** 2.5th and 97.5th percentiles of the bootstrap distribution of after/before at the metric. */
  static double[] bootstrap(Metric metric, Histogram before, Histogram after) {
    SplittableRandom random = new SplittableRandom(0x6d6f756e7473L);
    UniformRandomProvider rng = random::nextLong;
    OrderStatistic ob = new OrderStatistic(before, metric, rng);
    OrderStatistic oa = new OrderStatistic(after, metric, rng);
    double[] ratios = new double[RESAMPLES];
    for (int i = 0; i < RESAMPLES; i++) {
      double vb = ob.draw();
      ratios[i] = vb == 0 ? Double.NaN : oa.draw() / vb;
    }
    java.util.Arrays.sort(ratios);
    return new double[] {ratios[(int) Math.floor(0.025 * (RESAMPLES - 1))], ratios[(int) Math.ceil(0.975 * (RESAMPLES - 1))]};
  }

  /** The metric's value in one bootstrap resample of a histogram. */
  private static final class OrderStatistic {
    private final Histogram h;
    private final long n;
    private final ContinuousDistribution.Sampler beta;

    OrderStatistic(Histogram h, Metric metric, UniformRandomProvider rng) {
      this.h = h;
      this.n = h.getTotalCount();
      // HdrHistogram's own rank for a percentile: round(q n), at least 1.
      long k = Math.max(1, Math.min(n, (long) (metric.percentile() / 100.0 * n + 0.5)));
      this.beta = BetaDistribution.of(k, n - k + 1).createSampler(rng);
    }

    double draw() {
      long index = Math.min(n - 1, (long) Math.floor(beta.sample() * n));
      // The value of sorted rank index+1: the percentile whose count rounds to exactly that rank.
      return h.getValueAtPercentile(100.0 * (index + 1) / n);
    }
  }

  /**
   * The histogram's values in ascending order (each at its bucket's median-equivalent value), or
   * {@code max} evenly spaced quantiles of them when there are more.
   */
  public static double[] sample(Histogram h, int max) {
    long n = h.getTotalCount();
    if (n <= max) {
      double[] out = new double[(int) n];
      int i = 0;
      for (HistogramIterationValue v : h.recordedValues()) {
        double value = h.medianEquivalentValue(v.getValueIteratedTo());
        for (long c = 0; c < v.getCountAtValueIteratedTo(); c++) {
          out[i++] = value;
        }
      }
      return out;
    }
    double[] out = new double[max];
    for (int i = 0; i < max; i++) {
      out[i] = h.getValueAtPercentile(100.0 * (i + 0.5) / max);
    }
    return out;
  }
}
