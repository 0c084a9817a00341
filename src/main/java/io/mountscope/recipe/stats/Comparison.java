package io.mountscope.recipe.stats;

/**
 * Before against after: both summaries, the ratio after/before of {@code metric} with its
 * bootstrap 95% confidence interval, the Mann-Whitney U test of the two distributions, and the
 * verdict those give under the thresholds {@code alpha} and {@code minEffect} (docs/recipes.md).
 * Ratios below 1 mean faster starts after the change.
 */
public record Comparison(
    Metric metric,
    Summary before,
    Summary after,
    double ratio,
    double ciLow,
    double ciHigh,
    double throughputRatio,
    double mannWhitneyU,
    double pValue,
    double alpha,
    double minEffect,
    int bootstrapResamples,
    long testedBefore,
    long testedAfter,
    Effect verdict) {

  /** "0.42x (95% CI 0.40-0.45), p < 0.001: better". */
  public String oneLine() {
    return String.format(java.util.Locale.US, "%s %.2fx (95%% CI %.2f-%.2f), Mann-Whitney p %s: %s", metric.key(), ratio,
        ciLow, ciHigh, pText(pValue), verdict.words());
  }

  public static String pText(double p) {
    return p < 0.001 ? "< 0.001" : String.format(java.util.Locale.US, "= %.3f", p);
  }
}
