package io.mountscope.recipe;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.mountscope.util.InputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads a recipe file into typed records with Jackson's YAML parser, one part at a time so that
 * every mistake is reported as {@code file:line: what}: YAML syntax, unknown or duplicate keys,
 * unknown step or workload kinds, values of the wrong shape. {@link RecipeCheck} then checks what
 * the records mean (missing fields, names, types, actuators) before anything runs.
 */
public final class RecipeFile {
  static final List<String> TOP_KEYS = List.of("title", "description", "parameters", "workloads", "steps");
  private static final ObjectMapper YAML = YAMLMapper.builder()
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .addHandler(new PluginStepReader.UnknownKind())
      .build();

  private final String source;

  private final List<String> lines = new ArrayList<>();

  private RecipeFile(String source) {
    this.source = source;
  }

  private interface Read<T> {
    T read() throws IOException;
  }

  /**
   * Reads one entry that starts at {@code line}. Jackson reports a record's unknown key only once
   * it has read the whole mapping, at its end: the key's own line is found in the text instead,
   * the first line from the entry's start on where it stands as a key.
   */
  private <T> T located(int line, Read<T> read) throws IOException {
    try {
      return read.read();
    } catch (UnrecognizedPropertyException e) {
      Pattern key = Pattern.compile("(^|[\\s{,-])" + Pattern.quote(
          e.getPropertyName()) + "\\s*:");
      for (int i = Math.max(0, line - 1); i < lines.size(); i++) {
        if (key.matcher(lines.get(i)).find()) {
          throw InputException.at(source, i + 1, unknownKey(e));
        }
      }
      throw e;
    }
  }

  /** Reads and checks {@code file}; the recipe's name is the file name without .yaml. */
  public static Recipe load(Path file) {
    String text = readText(file);
    String name = nameOf(file);
    Recipe r = new RecipeFile(file.toString()).parse(name, text);
    RecipeCheck.check(r);
    return r;
  }

  /** A YAML file's text; a file that cannot be read is an InputException naming it. */
  public static String readText(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new InputException(file + ": cannot read it (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
    }
  }

  /** A file's name without .yaml or .yml: what a recipe or scenario is called. */
  public static String nameOf(Path file) {
    return file.getFileName().toString().replaceAll("\\.ya?ml$", "");
  }

  /**
   * Reads a whole YAML document (a training scenario, say) into {@code type} with the recipe
   * parser's rules and its {@code file:line} messages: unknown and duplicate keys, wrong shapes.
   */
  public static <T> T readDocument(String source, String text, Class<T> type) {
    RecipeFile f = new RecipeFile(source);
    f.lines.addAll(text.lines().toList());
    try {
      return f.located(1, () -> YAML.readValue(text, type));
    } catch (JsonProcessingException e) {
      throw f.translate(e);
    } catch (IOException e) {
      throw new InputException(source + ": cannot parse: " + e.getMessage());
    }
  }

  /** Parses recipe text without the semantic checks (tests of the parser itself). */
  static Recipe parse(String source, String name, String text) {
    return new RecipeFile(source).parse(name, text);
  }

  private Recipe parse(String name, String text) {
    lines.addAll(text.lines().toList());
    Value title = null;
    Value description = null;
    Map<String, Param> params = new LinkedHashMap<>();
    Map<String, Workload> workloads = new LinkedHashMap<>();
    List<Recipe.Located> steps = new ArrayList<>();
    boolean sawSteps = false;
    try (JsonParser p = YAML.getFactory().createParser(text)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw at(p.currentTokenLocation(), "expected a mapping with title, description, parameters, workloads and steps");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String key = p.currentName();
        JsonLocation keyAt = p.currentTokenLocation();
        p.nextToken();
        switch (key) {
          case "title" -> title = YAML.readValue(p, Value.class);
          case "description" -> description = YAML.readValue(p, Value.class);
          case "parameters" -> readMap(p, "parameters", "a parameter",
              (line, k) -> params.put(k, located(line, () -> YAML.readValue(p, Param.class))));
          case "workloads" -> readMap(p, "workloads", "a workload",
              (line, k) -> workloads.put(k, located(line, () -> YAML.readValue(p, Workload.class))));
          case "steps" -> {
            sawSteps = true;
            if (p.currentToken() != JsonToken.START_ARRAY) {
              throw at(p.currentTokenLocation(), "'steps' must be a list of steps");
            }
            while (p.nextToken() != JsonToken.END_ARRAY) {
              int line = p.currentTokenLocation().getLineNr();
              steps.add(new Recipe.Located(line, located(line, () -> YAML.readValue(p, Step.class))));
            }
          }
          default -> throw at(keyAt, "unknown key '" + key + "' (known: " + String.join(", ", TOP_KEYS) + ")");
        }
      }
    } catch (JsonProcessingException e) {
      throw translate(e);
    } catch (IOException e) {
      throw new InputException(source + ": cannot parse: " + e.getMessage());
    }
    if (title == null || description == null) {
      throw InputException.at(source, 1, "missing '" + (title == null ? "title" : "description")
          + "': every recipe says what it is for");
    }
    if (!sawSteps || steps.isEmpty()) {
      throw InputException.at(source, 1, "no steps: a recipe needs 'steps:' with at least one step");
    }
    return new Recipe(name, source, title, description, params, workloads, steps);
  }

  private interface Entry {
    void read(int line, String key) throws IOException;
  }

  private void readMap(JsonParser p, String what, String each, Entry entry) throws IOException {
    if (p.currentToken() != JsonToken.START_OBJECT) {
      throw at(p.currentTokenLocation(), "'" + what + "' must be a mapping of names to " + each);
    }
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String k = p.currentName();
      int line = p.currentTokenLocation().getLineNr();
      if (!k.matches("[a-z][a-z0-9-]*")) {
        throw InputException.at(source, line, what + ": '" + k + "' is not a valid name (lower case letters, digits, '-')");
      }
      p.nextToken();
      entry.read(line, k);
    }
  }

  private InputException at(JsonLocation loc, String msg) {
    return InputException.at(source, loc == null ? 0 : loc.getLineNr(), msg);
  }

  /** Jackson's messages name Java classes; say it in the recipe's own words. */
  private InputException translate(JsonProcessingException e) {
    String msg;
    if (e instanceof UnrecognizedPropertyException u) {
      msg = unknownKey(u);
    } else if (e instanceof InvalidTypeIdException t) {
      boolean workload = t.getBaseType() != null && t.getBaseType().hasRawClass(Workload.class);
      msg = "unknown " + (workload ? "workload" : "step") + (t.getTypeId() == null ? "" : " '" + t.getTypeId() + "'")
          + " (known: " + kinds(workload ? Workload.class : Step.class) + "); write it as a one-key mapping";
    } else if (e instanceof MismatchedInputException m) {
      String field = m.getPath().isEmpty() ? "this" : "'" + fieldOf(m) + "'";
      msg = "bad value for " + field + ": expected " + expected(m.getTargetType());
    } else if (e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Duplicate field")) {
      msg = "duplicate key: " + e.getOriginalMessage().replace("Duplicate field ", "");
    } else {
      msg = "not valid YAML: " + yamlProblem(String.valueOf(e.getOriginalMessage()));
    }
    return at(e.getLocation(), msg);
  }

  /** SnakeYAML says what it was parsing, where, the source line, then what went wrong: keep the first and the problem. */
  static String yamlProblem(String message) {
    List<String> lines = message.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    if (lines.isEmpty()) {
      return "";
    }
    return lines.stream().skip(1).filter(l -> l.matches("^(expected|found|mapping values|could not|did not).*"))
        .findFirst().map(p -> lines.get(0) + ": " + p).orElse(lines.get(0));
  }

  private static String unknownKey(UnrecognizedPropertyException u) {
    List<String> known = u.getKnownPropertyIds().stream().map(String::valueOf).sorted().toList();
    return "unknown key '" + u.getPropertyName() + "' (known: " + String.join(", ", known) + ")";
  }

  private static String fieldOf(MismatchedInputException m) {
    for (int i = m.getPath().size() - 1; i >= 0; i--) {
      if (m.getPath().get(i).getFieldName() != null) {
        return m.getPath().get(i).getFieldName();
      }
    }
    return "this";
  }

  static String kinds(Class<?> base) {
    return Arrays.stream(base.getAnnotation(com.fasterxml.jackson.annotation.JsonSubTypes.class).value())
        .map(com.fasterxml.jackson.annotation.JsonSubTypes.Type::name).collect(Collectors.joining(", "));
  }

  private static String expected(Class<?> type) {
    if (type == null) {
      return "another shape";
    }
    if (type == Value.class || type == String.class) {
      return "a single value (text or a number)";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (List.class.isAssignableFrom(type)) {
      return "a list";
    }
    if (Map.class.isAssignableFrom(type) || type.isRecord()) {
      return "a mapping";
    }
    if (Step.class.isAssignableFrom(type) || Workload.class.isAssignableFrom(type)) {
      return "a one-key mapping such as 'measure: {id: before, workload: storm}'";
    }
    return "a " + type.getSimpleName().toLowerCase(Locale.ROOT);
  }
}
