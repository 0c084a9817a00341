package io.mountscope.plugins.kubelet;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The kubelet's pod start latency histogram, cumulative as the kubelet exports it: upper bounds
 * and counts (the "+Inf" bucket last), sum and count. Newer kubelets export the SLI histogram
 * (kubelet_pod_start_sli_duration_seconds: image pulls excluded), which is preferred.
 */
record PodStarts(String metric, List<Double> bounds, List<Double> counts, double sum, double count) {
  static final String SLI = "kubelet_pod_start_sli_duration_seconds";
  static final String TOTAL = "kubelet_pod_start_duration_seconds";

  /** The histogram found in {@code samples} (summed over label sets), or null when the page has none. */
  static PodStarts from(List<PromText.Sample> samples) {
    for (String metric : List.of(SLI, TOTAL)) {
      Map<Double, Double> buckets = new java.util.TreeMap<>();
      double sum = 0;
      double count = 0;
      boolean found = false;
      for (PromText.Sample s : samples) {
        if (s.name().equals(metric + "_bucket")) {
          buckets.merge(PromText.number(s.labels().get("le")), s.value(), Double::sum);
          found = true;
        } else if (s.name().equals(metric + "_sum")) {
          sum += s.value();
        } else if (s.name().equals(metric + "_count")) {
          count += s.value();
        }
      }
      if (found) {
        return new PodStarts(metric, List.copyOf(buckets.keySet()), List.copyOf(buckets.values()), sum, count);
      }
    }
    return null;
  }

  /** As the JSON tree a Sample stores. */
  Map<String, Object> toTree() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("metric", metric);
    List<Object> le = new ArrayList<>();
    bounds.forEach(b -> le.add(b.isInfinite() ? "+Inf" : b));
    m.put("le", le);
    m.put("buckets", counts);
    m.put("sum", sum);
    m.put("count", count);
    return m;
  }

  @SuppressWarnings("unchecked")
  static PodStarts fromTree(Object tree) {
    if (!(tree instanceof Map<?, ?> m)) {
      return null;
    }
    List<Double> bounds = new ArrayList<>();
    for (Object o : (List<Object>) m.get("le")) {
      bounds.add(o instanceof Number n ? n.doubleValue() : PromText.number(String.valueOf(o)));
    }
    List<Double> counts = new ArrayList<>();
    for (Object o : (List<Object>) m.get("buckets")) {
      counts.add(((Number) o).doubleValue());
    }
    return new PodStarts(String.valueOf(m.get("metric")), bounds, counts, ((Number) m.get("sum")).doubleValue(),
        ((Number) m.get("count")).doubleValue());
  }

  /** The starts between {@code before} and this reading, as a histogram of its own (a kubelet restart: this one). */
  PodStarts since(PodStarts before) {
    if (before == null || !before.bounds.equals(bounds) || before.count > count) {
      return this;
    }
    List<Double> d = new ArrayList<>();
    for (int i = 0; i < counts.size(); i++) {
      d.add(counts.get(i) - before.counts.get(i));
    }
    return new PodStarts(metric, bounds, d, sum - before.sum, count - before.count);
  }

  /**
   * The q-quantile as Prometheus' histogram_quantile computes it: linear within the bucket that
   * holds the rank; in the +Inf bucket, the highest finite bound. Null without observations.
   */
  Double quantile(double q) {
    double total = counts.isEmpty() ? 0 : counts.get(counts.size() - 1);
    if (total <= 0) {
      return null;
    }
    double rank = q * total;
    double lower = 0;
    double below = 0;
    for (int i = 0; i < bounds.size(); i++) {
      double upper = bounds.get(i);
      double c = counts.get(i);
      if (c >= rank) {
        if (Double.isInfinite(upper)) {
          return i == 0 ? null : bounds.get(i - 1);
        }
        return c == below ? upper : lower + (upper - lower) * (rank - below) / (c - below);
      }
      lower = upper;
      below = c;
    }
    return null;
  }
}
