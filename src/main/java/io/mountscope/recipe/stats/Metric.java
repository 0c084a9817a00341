package io.mountscope.recipe.stats;

import com.fasterxml.jackson.annotation.JsonValue;
import io.mountscope.util.InputException;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The latency percentile a comparison's ratio and confidence interval are about. */
public enum Metric {
  P50("p50", 50),
  P95("p95", 95),
  P99("p99", 99);

  private final String key;
  private final double percentile;

  Metric(String key, double percentile) {
    this.key = key;
    this.percentile = percentile;
  }

  @JsonValue
  public String key() {
    return key;
  }

  public double percentile() {
    return percentile;
  }

  public static Metric of(String key) {
    for (Metric m : values()) {
      if (m.key.equals(key) || (m == P50 && "median".equals(key))) {
        return m;
      }
    }
    throw new InputException("unknown metric '" + key + "': use one of "
        + Arrays.stream(values()).map(Metric::key).collect(Collectors.joining(", ")));
  }
}
