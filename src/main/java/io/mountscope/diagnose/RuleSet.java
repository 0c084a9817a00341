package io.mountscope.diagnose;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.mountscope.model.Model;
import io.mountscope.model.Verdict;
import io.mountscope.util.InputException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;

/**
 * The diagnosis rules, loaded from YAML into typed {@link Rule}s and checked before use: unknown
 * keys, unknown metrics, unknown recipes and malformed conditions are errors with file:line.
 * {@link #evaluate} turns a Model into Verdicts, most severe first.
 */
public final class RuleSet {
  private static final String BUILT_IN = "rules.yaml";
  private static final ObjectMapper YAML = YAMLMapper.builder()
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .build();
  private static volatile RuleSet builtIn;

  private final List<Rule> rules;

  private RuleSet(List<Rule> rules) {
    this.rules = List.copyOf(rules);
  }

  /** The rules shipped with mountscope (src/main/resources/io/mountscope/diagnose/rules.yaml). */
  public static RuleSet builtIn() {
    RuleSet r = builtIn;
    return r != null ? r : loadBuiltIn();
  }

  // One parse for all callers: the launcher's warm-up thread and the first tick race for it.
  private static synchronized RuleSet loadBuiltIn() {
    RuleSet r = builtIn;
    if (r == null) {
      try (InputStream in = RuleSet.class.getResourceAsStream(BUILT_IN)) {
        r = parse(in, BUILT_IN);
      } catch (IOException e) {
        throw new IllegalStateException("cannot read the built-in " + BUILT_IN, e);
      }
      builtIn = r;
    }
    return r;
  }

  /** Parses rules from YAML; {@code source} names the file in errors. */
  public static RuleSet parse(InputStream in, String source) throws IOException {
    byte[] yaml = in.readAllBytes();
    Document doc;
    try {
      checkKeys(yaml, source);
      doc = YAML.readValue(yaml, Document.class);
    } catch (JsonMappingException e) {
      long line = line(e);
      Throwable cause = e.getCause() instanceof IllegalArgumentException iae ? iae : null;
      throw InputException.at(source, line, cause != null ? cause.getMessage() : e.getOriginalMessage());
    } catch (com.fasterxml.jackson.core.JacksonException e) {
      long line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
      throw InputException.at(source, line, e.getOriginalMessage());
    }
    if (doc == null || doc.rules() == null || doc.rules().isEmpty()) {
      throw InputException.at(source, 0, "no rules (expected 'rules:' with a list)");
    }
    Set<String> ids = new HashSet<>();
    for (Rule r : doc.rules()) {
      if (!ids.add(r.id())) {
        throw InputException.at(source, 0, "rule id '" + r.id() + "' is used twice");
      }
    }
    return new RuleSet(doc.rules());
  }

  private static long line(JsonMappingException e) {
    return e.getLocation() == null ? 0 : e.getLocation().getLineNr();
  }

  /**
   * Refuses unknown keys at their own line. (Jackson reports them for records only after the
   * whole rule is read, at the line after it.)
   */
  private static void checkKeys(byte[] yaml, String source) throws IOException {
    Map<String, Set<String>> allowed = Map.of("document", Set.of("rules"),
        "rule", Set.of("id", "severity", "title", "when", "evidence", "next"), "when", Set.of("all", "any"));
    // One entry per open container: "document", "rule", "when", "rules[]" or "other".
    java.util.ArrayDeque<String> open = new java.util.ArrayDeque<>();
    String field = null;
    try (com.fasterxml.jackson.core.JsonParser p = YAML.getFactory().createParser(yaml)) {
      for (com.fasterxml.jackson.core.JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
        switch (t) {
          case START_OBJECT -> open.push(open.isEmpty() ? "document" : "rules[]".equals(open.peek()) ? "rule"
              : "rule".equals(open.peek()) && "when".equals(field) ? "when" : "other");
          case START_ARRAY -> open.push("document".equals(open.peek()) && "rules".equals(field) ? "rules[]" : "other");
          case END_OBJECT, END_ARRAY -> open.pop();
          case FIELD_NAME -> {
            field = p.currentName();
            Set<String> keys = allowed.get(open.peek());
            if (keys != null && !keys.contains(field)) {
              throw InputException.at(source, p.currentTokenLocation().getLineNr(), "unknown key '" + field
                  + "' (a " + open.peek() + " has " + String.join(", ", new java.util.TreeSet<>(keys)) + ")");
            }
          }
          default -> { }
        }
      }
    }
  }

  public List<Rule> rules() {
    return rules;
  }

  /** The verdicts of every rule that holds on {@code model}, most severe first (then in file order). */
  public List<Verdict> evaluate(Model model) {
    List<Verdict> out = new ArrayList<>();
    for (Rule r : rules) {
      if (holds(r, model)) {
        out.add(verdict(r, model));
      }
    }
    out.sort(Comparator.comparing(Verdict::severity).reversed());
    return List.copyOf(out);
  }

  private static boolean holds(Rule r, Model model) {
    for (Condition c : r.when().all()) {
      if (!c.holds(model)) {
        return false;
      }
    }
    return r.when().any().isEmpty() || r.when().any().stream().anyMatch(c -> c.holds(model));
  }

  private static Verdict verdict(Rule r, Model model) {
    Map<String, Double> values = new LinkedHashMap<>();
    r.when().all().forEach(c -> values.put(c.metric().name(), c.metric().number(model)));
    r.when().any().forEach(c -> values.put(c.metric().name(), c.metric().number(model)));
    List<String> evidence = new ArrayList<>();
    for (String line : r.evidence()) {
      String rendered = render(line, model, values);
      if (rendered != null) {
        evidence.add(rendered);
      }
    }
    values.values().removeIf(v -> v == null);
    return new Verdict(r.id(), r.severity(), renderTitle(r.title(), model, values), List.copyOf(evidence), values,
        r.next());
  }

  /** The title with each {metric} replaced; a value missing despite the load check (an empty list) reads "n/a". */
  private static String renderTitle(String title, Model model, Map<String, Double> values) {
    String t = render(title, model, values);
    return t != null ? t : Rule.PLACEHOLDER.matcher(title).replaceAll(mr -> {
      Metric metric = Metrics.find(mr.group(1)).orElseThrow();
      return Matcher.quoteReplacement(metric.unit().format(metric.value(model)));
    });
  }

  /** The text with each {metric} replaced by its formatted value; null when a quoted metric is absent. */
  static String render(String text, Model model, Map<String, Double> values) {
    Matcher m = Rule.PLACEHOLDER.matcher(text);
    StringBuilder b = new StringBuilder();
    while (m.find()) {
      Metric metric = Metrics.find(m.group(1)).orElseThrow();
      Object v = metric.value(model);
      if (v == null) {
        return null;
      }
      if (v instanceof Number n) {
        values.putIfAbsent(metric.name(), n.doubleValue());
      }
      m.appendReplacement(b, Matcher.quoteReplacement(metric.unit().format(v)));
    }
    m.appendTail(b);
    return b.toString();
  }

  /** The YAML document: a list of rules. */
  record Document(List<Rule> rules) {}
}
