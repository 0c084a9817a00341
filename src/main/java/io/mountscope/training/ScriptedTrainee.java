package io.mountscope.training;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.mountscope.recipe.operator.Operator;
import io.mountscope.util.InputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A rehearsal from an answers file: YAML, question id to an answer or a list of answers tried in
 * order ({@code hottest-lock: [wrong_guess, do_lock_mount]}). Every id is checked against the
 * scenario before anything is staged; a question the file leaves out, or whose answers run out,
 * gets no more answers.
 */
public final class ScriptedTrainee implements Trainee {
  private final Operator out;
  private final Map<String, Deque<String>> answers;

  private ScriptedTrainee(Operator out, Map<String, Deque<String>> answers) {
    this.out = out;
    this.answers = answers;
  }

  /** Reads {@code file} and checks its ids against {@code scenario}'s questions. */
  public static ScriptedTrainee load(Path file, Scenario scenario, Operator out) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new InputException("--answers " + file + ": cannot read it (" + e.getMessage() + ")");
    }
    List<String> ids = scenario.doc().questions().stream().map(q -> q.id().text()).toList();
    Map<String, Deque<String>> answers = new LinkedHashMap<>();
    try (JsonParser p = new YAMLFactory().createParser(text)) {
      JsonToken first = p.nextToken();
      if (first != null && first != JsonToken.START_OBJECT) {
        throw InputException.at(file.toString(), p.currentTokenLocation().getLineNr(),
            "expected a mapping of question ids to answers (hottest-lock: do_lock_mount)");
      }
      while (first != null && p.nextToken() == JsonToken.FIELD_NAME) {
        String id = p.currentName();
        int line = p.currentTokenLocation().getLineNr();
        if (!ids.contains(id)) {
          throw InputException.at(file.toString(), line, "no question '" + id + "' in scenario " + scenario.name()
              + " (its questions: " + String.join(", ", ids) + ")");
        }
        if (answers.containsKey(id)) {
          throw InputException.at(file.toString(), line, id + ": answered twice");
        }
        List<String> list = new ArrayList<>();
        JsonToken v = p.nextToken();
        if (v == JsonToken.START_ARRAY) {
          while ((v = p.nextToken()) != JsonToken.END_ARRAY) {
            if (v.isStructStart()) {
              throw InputException.at(file.toString(), p.currentTokenLocation().getLineNr(), id + ": an answer is a single value");
            }
            list.add(p.getText());
          }
        } else if (v.isStructStart()) {
          throw InputException.at(file.toString(), line, id + ": an answer is a value or a list of values");
        } else {
          list.add(p.getText());
        }
        answers.put(id, new ArrayDeque<>(list));
      }
    } catch (JsonProcessingException e) {
      throw InputException.at(file.toString(), e.getLocation() == null ? 0 : e.getLocation().getLineNr(),
          "not valid YAML: " + e.getOriginalMessage().lines().findFirst().orElse(""));
    } catch (IOException e) {
      throw new InputException("--answers " + file + ": " + e.getMessage());
    }
    return new ScriptedTrainee(out, answers);
  }

  @Override
  public Operator out() {
    return out;
  }

  @Override
  public String answer(String id, String prompt) {
    Deque<String> left = answers.get(id);
    String a = left == null ? null : left.pollFirst();
    out.say(prompt + (a == null ? "(no more answers in the file)" : a));
    return a;
  }

  @Override
  public boolean ended() {
    return false;
  }
}
