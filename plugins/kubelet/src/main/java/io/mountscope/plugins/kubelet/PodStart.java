package io.mountscope.plugins.kubelet;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One pod start as the kubelet logs it (pod_startup_latency_tracker.go, "Observed pod startup
 * duration"): the pod (namespace/name), the SLO duration (image pulls excluded; the kubelet's
 * kubelet_pod_start_sli_duration_seconds), the end-to-end duration (null when neither logged nor
 * computable) and when the kubelet saw it running (epoch ms, null when unknown).
 */
record PodStart(String pod, double sloSeconds, Double e2eSeconds, Long observedMillis) {
  static final String MESSAGE = "Observed pod startup duration";
  private static final String KLOG_MESSAGE = "\"" + MESSAGE + "\"";
  private static final String JSON_MESSAGE = "\"msg\":\"" + MESSAGE + "\"";
  /** Go's time.Time String(): "2025-02-26 16:14:44.120908806 +0000 UTC m=+80.21", of which date, time and offset are read. */
  private static final DateTimeFormatter GO_TIME = new DateTimeFormatterBuilder().appendPattern("uuuu-MM-dd HH:mm:ss")
      .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
      .appendLiteral(' ').appendOffset("+HHMM", "+0000").toFormatter();

  /**
   * The start {@code line} reports, in klog text (plain, or behind a syslog or journal prefix) or
   * JSON; null when the line is about something else. A line with the message but cut short or
   * garbled throws IllegalArgumentException saying what is wrong.
   */
  static PodStart parse(String line) {
    int json = line.indexOf(JSON_MESSAGE);
    if (json >= 0) {
      return fromJson(line, line.lastIndexOf('{', json));
    }
    int klog = line.indexOf(KLOG_MESSAGE);
    return klog < 0 ? null : fromKlog(pairs(line, klog + KLOG_MESSAGE.length()));
  }

  private static PodStart fromKlog(Map<String, String> f) {
    String pod = require(f, "pod");
    double slo = seconds(require(f, "podStartSLOduration"));
    // The kubelet writes watchObservedRunningTime last: without it the line was cut.
    Long observed = epochMillis(require(f, "watchObservedRunningTime"));
    Double e2e = f.containsKey("podStartE2EDuration") ? goDuration(f.get("podStartE2EDuration")) : null;
    if (e2e == null) { // kubelet 1.26 logged only the timestamps
      String created = f.getOrDefault("podCreationTimestamp", f.get("pod.CreationTimestamp"));
      Long from = created == null ? null : epochMillis(created);
      e2e = from == null || observed == null ? null : (observed - from) / 1000.0;
    }
    return new PodStart(pod, slo, e2e, observed);
  }

  private static PodStart fromJson(String line, int open) {
    if (open < 0) {
      throw new IllegalArgumentException("no JSON object before \"msg\"");
    }
    if (!(MiniJson.parse(line, open) instanceof Map<?, ?> m)) {
      throw new IllegalArgumentException("not a JSON object");
    }
    String pod;
    if (m.get("pod") instanceof Map<?, ?> ref && ref.get("name") != null) { // klog.KObj
      pod = (ref.get("namespace") == null ? "" : ref.get("namespace") + "/") + ref.get("name");
    } else if (m.get("pod") instanceof String s) {
      pod = s;
    } else {
      throw new IllegalArgumentException("no pod");
    }
    if (!(m.get("podStartSLOduration") instanceof Number slo)) {
      throw new IllegalArgumentException("no podStartSLOduration number");
    }
    Object e2e = m.get("podStartE2EDuration");
    Double e2eSeconds = e2e instanceof Number n ? n.doubleValue() : e2e instanceof String s ? goDuration(s) : null;
    // JSON's time fields carry the logging clock, like "ts" (component-base's epochMillisTimeEncoder).
    Long observed = m.get("ts") instanceof Number ts ? (long) ts.doubleValue() : null;
    return new PodStart(pod, slo.doubleValue(), e2eSeconds, observed);
  }

  /** klog's key=value pairs after the message: values quoted with Go escapes, or bare up to a space. */
  private static Map<String, String> pairs(String line, int from) {
    Map<String, String> out = new HashMap<>();
    int i = from;
    int n = line.length();
    while (true) {
      while (i < n && line.charAt(i) == ' ') {
        i++;
      }
      if (i >= n) {
        return out;
      }
      int eq = line.indexOf('=', i);
      if (eq < 0) {
        throw new IllegalArgumentException("'" + cut(line.substring(i)) + "' is not key=value");
      }
      String key = line.substring(i, eq);
      i = eq + 1;
      if (i < n && line.charAt(i) == '"') {
        StringBuilder v = new StringBuilder();
        i++;
        while (true) {
          if (i >= n) {
            throw new IllegalArgumentException("the value of " + key + " has no closing quote (line cut short?)");
          }
          char c = line.charAt(i++);
          if (c == '"') {
            break;
          }
          if (c == '\\' && i < n) {
            c = line.charAt(i++);
          }
          v.append(c);
        }
        out.put(key, v.toString());
      } else {
        int end = line.indexOf(' ', i);
        end = end < 0 ? n : end;
        out.put(key, line.substring(i, end));
        i = end;
      }
    }
  }

  private static String require(Map<String, String> f, String key) {
    String v = f.get(key);
    if (v == null) {
      throw new IllegalArgumentException("no " + key + " (line cut short?)");
    }
    return v;
  }

  private static double seconds(String v) {
    try {
      return Double.parseDouble(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("podStartSLOduration " + cut(v) + " is not a number");
    }
  }

  /** Go's time.Duration String(): "18.349908634s", "1m2.5s", "250ms", "0s"; null when it is not one. */
  static Double goDuration(String v) {
    String s = v.strip();
    boolean negative = s.startsWith("-");
    if (negative) {
      s = s.substring(1);
    }
    if (s.equals("0")) {
      return 0.0;
    }
    BigDecimal total = BigDecimal.ZERO; // decimal, so "180.183041ms" is 0.180183041 s exactly as printed
    int i = 0;
    while (i < s.length()) {
      int start = i;
      while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
        i++;
      }
      int unit = i;
      while (i < s.length() && !Character.isDigit(s.charAt(i)) && s.charAt(i) != '.') {
        i++;
      }
      if (start == unit || unit == i) {
        return null;
      }
      int exponent = switch (s.substring(unit, i)) {
        case "h", "m", "s" -> 0;
        case "ms" -> -3;
        case "us", "µs", "μs" -> -6;
        case "ns" -> -9;
        default -> 1;
      };
      if (exponent > 0) {
        return null;
      }
      String u = s.substring(unit, i);
      BigDecimal part = new BigDecimal(s.substring(start, unit)).scaleByPowerOfTen(exponent);
      total = total.add(u.equals("h") ? part.multiply(BigDecimal.valueOf(3600)) : u.equals("m") ? part.multiply(BigDecimal.valueOf(60)) : part);
    }
    return negative ? -total.doubleValue() : total.doubleValue();
  }

  /** Epoch ms of a Go time.Time String(); null for Go's zero time or text that is not one. */
  static Long epochMillis(String goTime) {
    String[] w = goTime.strip().split(" ");
    if (w.length < 3 || w[0].startsWith("0001-")) {
      return null;
    }
    try {
      return OffsetDateTime.parse(w[0] + " " + w[1] + " " + w[2], GO_TIME).toInstant().toEpochMilli();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static String cut(String s) {
    return s.length() > 40 ? s.substring(0, 40) + "..." : s;
  }

  /** As the JSON tree a Sample stores. */
  Map<String, Object> toTree() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("pod", pod);
    m.put("sloSeconds", sloSeconds);
    m.put("e2eSeconds", e2eSeconds);
    m.put("observedMillis", observedMillis);
    return m;
  }

  static PodStart fromTree(Object tree) {
    Map<?, ?> m = (Map<?, ?>) tree;
    return new PodStart(String.valueOf(m.get("pod")), ((Number) m.get("sloSeconds")).doubleValue(),
        m.get("e2eSeconds") instanceof Number n ? n.doubleValue() : null,
        m.get("observedMillis") instanceof Number o ? o.longValue() : null);
  }
}
