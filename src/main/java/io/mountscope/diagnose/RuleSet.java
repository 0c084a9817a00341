package io.mountscope.diagnose;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.mountscope.model.Model;
import io.mountscope.model.Severity;
import io.mountscope.model.Verdict;
import io.mountscope.util.InputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
 *
 * <p>The built-in rules are checked at build time too: {@link #main} parses rules.yaml and writes
 * its compiled form (rules.compiled, a "key value" line per field) next to this class, which
 * {@link #builtIn()} reads without Jackson. Parsing the YAML with Jackson took a tenth of a second
 * of CPU at every start, on the way to the dashboard's first frame.
 */
public final class RuleSet {
  private static final String BUILT_IN = "rules.yaml";
  static final String COMPILED = "rules.compiled";
  private static final String COMPILED_HEADER = "# mountscope diagnosis rules, compiled from " + BUILT_IN
      + " by the build (RuleSet.main): do not edit";
  private static volatile RuleSet builtIn;

  /** The YAML mapper, made on first use: building it loads most of Jackson. */
  private static final class Yaml {
    static final ObjectMapper MAPPER = YAMLMapper.builder()
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .build();
  }

  private final List<Rule> rules;

  private RuleSet(List<Rule> rules) {
    this.rules = List.copyOf(rules);
  }

  /** The rules shipped with mountscope (src/main/resources/io/mountscope/diagnose/rules.yaml). */
  public static RuleSet builtIn() {
    RuleSet r = builtIn;
    return r != null ? r : loadBuiltIn();
  }

  // One read for all callers: the launcher's warm-up thread and the first tick race for it.
  private static synchronized RuleSet loadBuiltIn() {
    RuleSet r = builtIn;
    if (r == null) {
      try (InputStream compiled = RuleSet.class.getResourceAsStream(COMPILED)) {
        if (compiled != null) {
          r = readCompiled(new String(compiled.readAllBytes(), StandardCharsets.UTF_8), COMPILED);
        } else { // a build that skipped process-classes (an IDE): the YAML itself
          try (InputStream in = RuleSet.class.getResourceAsStream(BUILT_IN)) {
            r = parse(in, BUILT_IN);
          }
        }
      } catch (IOException e) {
        throw new IllegalStateException("cannot read the built-in " + BUILT_IN, e);
      }
      builtIn = r;
    }
    return r;
  }

  /**
   * The build step: checks {@code args[0]} (rules.yaml) as {@link #parse} does and writes its
   * compiled form to {@code args[1]}. A rule that does not check fails the build with its file:line.
   */
  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      throw new IllegalArgumentException("usage: RuleSet RULES.yaml OUTPUT");
    }
    Path yaml = Path.of(args[0]);
    RuleSet rules;
    try (InputStream in = Files.newInputStream(yaml)) {
      rules = parse(in, yaml.toString());
    }
    Path out = Path.of(args[1]);
    Files.createDirectories(out.toAbsolutePath().getParent());
    Files.writeString(out, rules.compiled(), StandardCharsets.UTF_8);
  }

  /** These rules in the compiled form: a header line, then per rule "rule ID", its fields and "end". */
  public String compiled() {
    StringBuilder b = new StringBuilder(COMPILED_HEADER).append('\n');
    for (Rule r : rules) {
      field(b, "rule", r.id());
      field(b, "severity", r.severity().name());
      field(b, "title", r.title());
      r.when().all().forEach(c -> field(b, "all", conditionText(c)));
      r.when().any().forEach(c -> field(b, "any", conditionText(c)));
      r.evidence().forEach(e -> field(b, "evidence", e));
      r.next().forEach(n -> field(b, "next", n));
      b.append("end\n");
    }
    return b.toString();
  }

  /** "metric op number" as {@link Condition#parse} reads it back: a plain decimal, never 1.0E-4. */
  private static String conditionText(Condition c) {
    return c.metric().name() + " " + c.op() + " " + java.math.BigDecimal.valueOf(c.value()).toPlainString();
  }

  private static void field(StringBuilder b, String key, String value) {
    b.append(key).append(' ').append(value.replace("\\", "\\\\").replace("\n", "\\n")).append('\n');
  }

  /** Reads the compiled form; every rule is checked again by its constructor. */
  static RuleSet readCompiled(String text, String source) {
    List<Rule> out = new ArrayList<>();
    String id = null;
    Severity severity = null;
    String title = null;
    List<Condition> all = new ArrayList<>();
    List<Condition> any = new ArrayList<>();
    List<String> evidence = new ArrayList<>();
    List<String> next = new ArrayList<>();
    int lineNo = 0;
    for (String line : text.split("\n")) {
      lineNo++;
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int space = line.indexOf(' ');
      String key = space < 0 ? line : line.substring(0, space);
      String value = space < 0 ? "" : unescape(line.substring(space + 1));
      try {
        switch (key) {
          case "rule" -> id = value;
          case "severity" -> severity = Severity.valueOf(value);
          case "title" -> title = value;
          case "all" -> all.add(Condition.parse(value));
          case "any" -> any.add(Condition.parse(value));
          case "evidence" -> evidence.add(value);
          case "next" -> next.add(value);
          case "end" -> {
            out.add(new Rule(id, severity, title, new Rule.When(all, any), evidence, next));
            id = null;
            severity = null;
            title = null;
            all.clear();
            any.clear();
            evidence.clear();
            next.clear();
          }
          default -> throw new IllegalArgumentException("unknown key '" + key + "'");
        }
      } catch (IllegalArgumentException e) {
        throw InputException.at(source, lineNo, e.getMessage());
      }
    }
    if (id != null || out.isEmpty()) {
      throw InputException.at(source, lineNo, id != null ? "rule " + id + " has no 'end'" : "no rules");
    }
    return new RuleSet(out);
  }

  private static String unescape(String v) {
    if (v.indexOf('\\') < 0) {
      return v;
    }
    StringBuilder b = new StringBuilder(v.length());
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c == '\\' && i + 1 < v.length()) {
        char n = v.charAt(++i);
        b.append(n == 'n' ? '\n' : n);
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  /** Parses rules from YAML; {@code source} names the file in errors. */
  public static RuleSet parse(InputStream in, String source) throws IOException {
    byte[] yaml = in.readAllBytes();
    Document doc;
    try {
      checkKeys(yaml, source);
      doc = Yaml.MAPPER.readValue(yaml, Document.class);
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
    try (com.fasterxml.jackson.core.JsonParser p = Yaml.MAPPER.getFactory().createParser(yaml)) {
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
