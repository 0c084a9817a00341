package io.mountscope.plugins.kubelet;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Prometheus text exposition format (0.0.4), as far as the kubelet's page needs: sample lines
 * "name{label="value",...} number [timestamp]"; comments and HELP/TYPE lines are skipped.
 */
final class PromText {
  /** One sample line: metric name, labels, value. */
  record Sample(String name, Map<String, String> labels, double value) {}

  private PromText() {}

  static List<Sample> parse(String text) {
    List<Sample> out = new ArrayList<>();
    int lineNo = 0;
    for (String line : text.split("\n")) {
      lineNo++;
      String l = line.strip();
      if (l.isEmpty() || l.startsWith("#")) {
        continue;
      }
      try {
        out.add(sample(l));
      } catch (RuntimeException e) {
        throw new IllegalArgumentException("line " + lineNo + " is not a Prometheus sample: " + cut(l));
      }
    }
    return out;
  }

  private static Sample sample(String l) {
    int brace = l.indexOf('{');
    int space = l.indexOf(' ');
    String name;
    Map<String, String> labels = new LinkedHashMap<>();
    int rest;
    if (brace >= 0 && (space < 0 || brace < space)) {
      name = l.substring(0, brace);
      rest = labels(l, brace + 1, labels);
    } else {
      name = l.substring(0, space);
      rest = space;
    }
    String[] tail = l.substring(rest).strip().split("\\s+");
    return new Sample(name, labels, number(tail[0]));
  }

  /** Reads label pairs from {@code from} to the closing brace; returns the index after it. */
  private static int labels(String l, int from, Map<String, String> into) {
    int i = from;
    while (l.charAt(i) != '}') {
      int eq = l.indexOf('=', i);
      String key = l.substring(i, eq).strip();
      if (l.charAt(eq + 1) != '"') {
        throw new IllegalArgumentException("label value not quoted");
      }
      StringBuilder v = new StringBuilder();
      int j = eq + 2;
      for (; l.charAt(j) != '"'; j++) {
        char c = l.charAt(j);
        if (c == '\\') {
          char n = l.charAt(++j);
          v.append(n == 'n' ? '\n' : n);
        } else {
          v.append(c);
        }
      }
      into.put(key, v.toString());
      i = j + 1;
      if (l.charAt(i) == ',') {
        i++;
      }
    }
    return i + 1;
  }

  static double number(String s) {
    return switch (s) {
      case "+Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      case "NaN" -> Double.NaN;
      default -> Double.parseDouble(s);
    };
  }

  private static String cut(String l) {
    return l.length() > 80 ? l.substring(0, 80) + "..." : l;
  }
}
