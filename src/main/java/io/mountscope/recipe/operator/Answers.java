package io.mountscope.recipe.operator;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.mountscope.util.InputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An answers file for scripted runs: a YAML mapping of question id to answer
 * ({@code apply-timer-migration: yes}, {@code keep: no}, {@code strategy: common-parent}). Every
 * id and answer is checked against the recipe's questions before the run starts.
 */
public final class Answers {
  private record Entry(String value, int line) {}

  private final String source;
  private final Map<String, Entry> entries;

  private Answers(String source, Map<String, Entry> entries) {
    this.source = source;
    this.entries = entries;
  }

  public static Answers none() {
    return new Answers("(none)", Map.of());
  }

  public static Answers load(Path file) {
    Map<String, Entry> entries = new LinkedHashMap<>();
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new InputException("--answers " + file + ": cannot read it (" + e.getMessage() + ")");
    }
    try (JsonParser p = new YAMLFactory().createParser(text)) {
      JsonToken first = p.nextToken();
      if (first == null) {
        return new Answers(file.toString(), entries);
      }
      if (first != JsonToken.START_OBJECT) {
        throw InputException.at(file.toString(), p.currentTokenLocation().getLineNr(),
            "expected a mapping of question ids to answers (keep: no)");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String id = p.currentName();
        int line = p.currentTokenLocation().getLineNr();
        JsonToken v = p.nextToken();
        if (v.isStructStart()) {
          throw InputException.at(file.toString(), line, id + ": an answer is a single value (yes, no, or a choice)");
        }
        if (entries.containsKey(id)) {
          throw InputException.at(file.toString(), line, id + ": answered twice");
        }
        entries.put(id, new Entry(p.getText(), line));
      }
    } catch (JsonProcessingException e) {
      throw InputException.at(file.toString(), e.getLocation() == null ? 0 : e.getLocation().getLineNr(),
          "not valid YAML: " + e.getOriginalMessage().lines().findFirst().orElse(""));
    } catch (IOException e) {
      throw new InputException("--answers " + file + ": " + e.getMessage());
    }
    return new Answers(file.toString(), entries);
  }

  /**
   * Checks every answer against the recipe's questions: {@code questions} maps an id to its
   * choices (empty for yes/no; null for free text), {@code text} a free-text question's id to a
   * check that returns what is wrong with an answer, or null.
   */
  public void check(String recipe, Map<String, List<String>> questions,
      Map<String, java.util.function.Function<String, String>> text) {
    for (Map.Entry<String, Entry> e : entries.entrySet()) {
      if (!questions.containsKey(e.getKey())) {
        throw InputException.at(source, e.getValue().line(), "no question '" + e.getKey() + "' in recipe " + recipe
            + " (its questions: " + String.join(", ", questions.keySet()) + ")");
      }
      List<String> choices = questions.get(e.getKey());
      String v = e.getValue().value();
      String wrong = text.containsKey(e.getKey()) ? text.get(e.getKey()).apply(v) : null;
      if (wrong != null) {
        throw InputException.at(source, e.getValue().line(), e.getKey() + ": " + wrong);
      }
      if (choices != null && choices.isEmpty() && yesNo(v) == null) {
        throw InputException.at(source, e.getValue().line(), e.getKey() + ": '" + v + "' is not yes or no");
      }
      if (choices != null && !choices.isEmpty() && !choices.contains(v)) {
        throw InputException.at(source, e.getValue().line(), e.getKey() + ": '" + v + "' is not one of "
            + String.join(", ", choices));
      }
    }
  }

  /** The answer given for {@code q}, normalised ("yes"/"no" for yes/no questions). */
  public Optional<String> of(Question q) {
    Entry e = entries.get(q.id());
    if (e == null) {
      return Optional.empty();
    }
    if (q.freeText()) {
      return Optional.of(e.value());
    }
    if (q.isYesNo()) {
      return Optional.ofNullable(yesNo(e.value()));
    }
    if (!q.choices().contains(e.value())) {
      throw InputException.at(source, e.line(), q.id() + ": '" + e.value() + "' is not one of " + String.join(", ", q.choices()));
    }
    return Optional.of(e.value());
  }

  static String yesNo(String v) {
    return switch (v.trim().toLowerCase(java.util.Locale.ROOT)) {
      case "yes", "y", "true" -> "yes";
      case "no", "n", "false" -> "no";
      default -> null;
    };
  }
}
