package io.mountscope.diagnose;

import io.mountscope.model.Severity;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A diagnosis rule as written in rules.yaml: when all of {@code when.all} and at least one of
 * {@code when.any} (if given) hold, it gives a verdict with this id, severity and title; the
 * evidence sentences and the title quote metrics as {metric.name}; {@code next} names recipes.
 */
public record Rule(String id, Severity severity, String title, When when, List<String> evidence, List<String> next) {
  /** The recipes a verdict may point to. */
  public static final List<String> RECIPES = List.of("mount-storm", "idmap-strategy", "concurrency-knee",
      "sysctl-tuning", "smt-toggle", "numa-placement", "image-layers", "mountinfo-cost");
  static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z0-9_.-]+)\\}");

  public Rule {
    if (id == null || !id.matches("[a-z][a-z0-9-]*")) {
      throw new IllegalArgumentException("rule id '" + id + "' must be lower-case words joined by dashes");
    }
    if (severity == null) {
      throw new IllegalArgumentException("rule " + id + " has no severity (info, warning, critical)");
    }
    if (title == null || title.isBlank()) {
      throw new IllegalArgumentException("rule " + id + " has no title");
    }
    if (when == null || when.all().isEmpty() && when.any().isEmpty()) {
      throw new IllegalArgumentException("rule " + id + " has no conditions (when: all: [...] / any: [...])");
    }
    evidence = evidence == null ? List.of() : List.copyOf(evidence);
    next = next == null ? List.of() : List.copyOf(next);
    for (String recipe : next) {
      if (!RECIPES.contains(recipe)) {
        throw new IllegalArgumentException("rule " + id + " names unknown recipe '" + recipe + "' (known: "
            + String.join(", ", RECIPES) + ")");
      }
    }
    checkPlaceholders(id, title);
    evidence.forEach(line -> checkPlaceholders(id, line));
    checkTitleParts(id, title, when);
  }

  /** The part of the Model a metric reads: "mountTable" of "mountTable.readMillis". */
  static String part(String metric) {
    int dot = metric.indexOf('.');
    return dot < 0 ? metric : metric.substring(0, dot);
  }

  /**
   * A title is always shown, so it may quote only parts the conditions guarantee are present:
   * those of the all-conditions, and the part every any-condition shares.
   */
  private static void checkTitleParts(String id, String title, When when) {
    java.util.Set<String> present = new java.util.HashSet<>();
    when.all().forEach(c -> present.add(part(c.metric().name())));
    java.util.Set<String> anyParts = new java.util.HashSet<>();
    when.any().forEach(c -> anyParts.add(part(c.metric().name())));
    if (anyParts.size() == 1) {
      present.addAll(anyParts);
    }
    Matcher m = PLACEHOLDER.matcher(title);
    while (m.find()) {
      if (!present.contains(part(m.group(1)))) {
        throw new IllegalArgumentException("rule " + id + "'s title quotes {" + m.group(1)
            + "}, which its conditions do not guarantee (quote it in evidence instead)");
      }
    }
  }

  /** The conditions: all must hold, and at least one of any (when any is not empty). */
  public record When(List<Condition> all, List<Condition> any) {
    public When {
      all = all == null ? List.of() : List.copyOf(all);
      any = any == null ? List.of() : List.copyOf(any);
    }
  }

  private static void checkPlaceholders(String id, String text) {
    Matcher m = PLACEHOLDER.matcher(text);
    while (m.find()) {
      if (Metrics.find(m.group(1)).isEmpty()) {
        throw new IllegalArgumentException("rule " + id + " quotes unknown metric {" + m.group(1) + "}");
      }
    }
  }
}
