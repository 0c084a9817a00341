package io.mountscope.plugins.kubelet;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The last {@code capacity} pod starts read from the kubelet's log, and what reading cost: lines
 * read, malformed start lines (skipped and counted, the last one kept), rotations seen. Memory is
 * bounded by the capacity; the raw part a Sample stores is this window, so a replay recomputes the
 * quantiles exactly.
 */
final class StartWindow {
  /** How many of the slowest starts the derived part lists. */
  static final int SLOWEST = 5;

  private final int capacity;
  private final ArrayDeque<PodStart> starts = new ArrayDeque<>();
  private long startsSeen;
  private long linesRead;
  private long malformed;
  private String lastMalformed;

  StartWindow(int capacity) {
    this.capacity = capacity;
  }

  /** Reads one log line: a start joins the window, another message is counted, a broken start line too. */
  void accept(String line) {
    linesRead++;
    PodStart s;
    try {
      s = PodStart.parse(line);
    } catch (RuntimeException e) {
      malformed++;
      lastMalformed = e.getMessage() + ": " + (line.length() > 160 ? line.substring(0, 160) + "..." : line);
      return;
    }
    if (s != null) {
      startsSeen++;
      starts.addLast(s);
      if (starts.size() > capacity) {
        starts.removeFirst();
      }
    }
  }

  List<PodStart> starts() {
    return List.copyOf(starts);
  }

  long malformed() {
    return malformed;
  }

  /** The raw part: the window, oldest first, and the counters (cumulative since the probe started). */
  Map<String, Object> toTree() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("window", capacity);
    List<Object> list = new ArrayList<>();
    starts.forEach(s -> list.add(s.toTree()));
    m.put("starts", list);
    m.put("startsSeen", startsSeen);
    m.put("linesRead", linesRead);
    m.put("malformedLines", malformed);
    m.put("lastMalformed", lastMalformed);
    return m;
  }

  /**
   * The derived part of a log reading: nearest-rank quantiles of the SLO durations in the window
   * (a negative one, a kubelet bug, is counted and left out), the same of the end-to-end ones, the
   * slowest pods, and the starts between the two readings.
   */
  static Map<String, Object> derive(Map<String, Object> now, Map<String, Object> previous, double seconds) {
    List<PodStart> window = starts(now.get("starts"));
    List<Double> slo = new ArrayList<>();
    List<Double> e2e = new ArrayList<>();
    long negative = 0;
    for (PodStart s : window) {
      if (s.sloSeconds() < 0) {
        negative++;
      } else {
        slo.add(s.sloSeconds());
      }
      if (s.e2eSeconds() != null && s.e2eSeconds() >= 0) {
        e2e.add(s.e2eSeconds());
      }
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("source", "log");
    out.put("sourceReason", now.get("sourceReason"));
    out.put("log", now.get("log"));
    out.put("metric", "podStartSLOduration");
    out.put("starts", (long) slo.size());
    out.put("window", now.get("window"));
    out.put("p50Seconds", quantile(slo, 0.5));
    out.put("p90Seconds", quantile(slo, 0.9));
    out.put("p99Seconds", quantile(slo, 0.99));
    out.put("meanSeconds", slo.isEmpty() ? null : slo.stream().mapToDouble(Double::doubleValue).sum() / slo.size());
    Map<String, Object> ee = new LinkedHashMap<>();
    ee.put("starts", (long) e2e.size());
    ee.put("p50Seconds", quantile(e2e, 0.5));
    ee.put("p90Seconds", quantile(e2e, 0.9));
    ee.put("p99Seconds", quantile(e2e, 0.99));
    out.put("e2e", ee);
    out.put("negativeSlo", negative);
    List<Object> slowest = new ArrayList<>();
    window.stream().filter(s -> s.sloSeconds() >= 0).sorted(Comparator.comparingDouble(PodStart::sloSeconds).reversed())
        .limit(SLOWEST).forEach(s -> {
          Map<String, Object> p = new LinkedHashMap<>();
          p.put("pod", s.pod());
          p.put("sloSeconds", s.sloSeconds());
          p.put("e2eSeconds", s.e2eSeconds());
          p.put("observedMillis", s.observedMillis());
          slowest.add(p);
        });
    out.put("slowest", slowest);
    long seen = ((Number) now.get("startsSeen")).longValue();
    out.put("startsSeen", seen);
    if (previous != null && "log".equals(previous.get("source")) && seconds > 0
        && previous.get("startsSeen") instanceof Number before && before.longValue() <= seen) {
      long n = seen - before.longValue();
      List<Double> recent = new ArrayList<>();
      window.subList((int) Math.max(0, window.size() - n), window.size()).stream()
          .filter(s -> s.sloSeconds() >= 0).forEach(s -> recent.add(s.sloSeconds()));
      Map<String, Object> w = new LinkedHashMap<>();
      w.put("seconds", seconds);
      w.put("starts", n);
      w.put("startsPerSecond", n / seconds);
      w.put("p50Seconds", quantile(recent, 0.5));
      w.put("p99Seconds", quantile(recent, 0.99));
      out.put("recent", w);
    }
    out.put("linesRead", now.get("linesRead"));
    out.put("malformedLines", now.get("malformedLines"));
    out.put("lastMalformed", now.get("lastMalformed"));
    out.put("rotations", now.get("rotations"));
    return out;
  }

  private static List<PodStart> starts(Object tree) {
    List<PodStart> out = new ArrayList<>();
    if (tree instanceof List<?> l) {
      l.forEach(o -> out.add(PodStart.fromTree(o)));
    }
    return out;
  }

  /** The nearest-rank q-quantile: the smallest value with at least q of the values at or below it; null without values. */
  static Double quantile(List<Double> values, double q) {
    if (values.isEmpty()) {
      return null;
    }
    List<Double> sorted = new ArrayList<>(values);
    sorted.sort(null);
    int rank = (int) Math.ceil(q * sorted.size() - 1e-9); // 0.9 * 10 is 9.000000000000002 in doubles
    return sorted.get(Math.min(sorted.size(), Math.max(1, rank)) - 1);
  }
}
