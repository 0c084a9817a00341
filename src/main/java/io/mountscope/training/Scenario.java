package io.mountscope.training;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.mountscope.recipe.Value;
import java.util.List;

/**
 * A training scenario as written in {@code recipes/training/NAME.yaml}: what it stages on the
 * node, the questions a trainee answers from the live data, and how it ends (the explanation and
 * what a senior engineer would have done). Read by {@link ScenarioFile}, which also checks it.
 */
public record Scenario(String name, String file, Doc doc) {

  /** The document's top level. */
  public record Doc(Value title, Value description, Stage stage, Value tries, List<Ask> questions, Value explanation,
      Value senior) {}

  /**
   * What runs while the questions are asked: a storm of the stress engine (always in a private
   * mount namespace), a recording replayed as the live data ({@code demo}: the bundled one), or
   * nothing (the stage is left out): the node as it is.
   */
  public record Stage(Storm storm, Value replay) {}

  /** A storm's shape; it runs until the last question is answered, {@code duration} seconds at most. */
  public record Storm(Value pattern, Value layers, Value threads, Value duration) {}

  /**
   * One question: the prompt, the kind of answer, how the right answer is computed from the live
   * data when it is answered ({@code answer}: one expression; or {@code pick}: the first rule whose
   * conditions hold), hints given after a wrong answer, points, and a sentence said after it.
   */
  public record Ask(Value id, Value prompt, Value kind, List<Value> choices, Value tolerance, Value answer,
      List<Rule> pick, List<Value> hints, Value points, Value why) {}

  /** A rule of {@code pick}: {@code then} is right when every {@code when} holds (none: always). */
  public record Rule(List<Value> when, Value then) {}

  /** The kinds of answer, as written in {@code kind}. */
  public enum Kind {
    @JsonProperty("choice") CHOICE,
    @JsonProperty("number") NUMBER,
    @JsonProperty("recipe") RECIPE,
    @JsonProperty("symbol") SYMBOL;

    static Kind of(String s) {
      for (Kind k : values()) {
        if (k.name().equalsIgnoreCase(s)) {
          return k;
        }
      }
      return null;
    }
  }

  public String title() {
    return doc.title().text();
  }

  /** The first line of the description. */
  public String summary() {
    return doc.description().text().strip().lines().findFirst().orElse("");
  }
}
