package io.mountscope.training;

import io.mountscope.recipe.Condition;
import io.mountscope.recipe.Facts;
import io.mountscope.recipe.RecipeFile;
import io.mountscope.recipe.Template;
import io.mountscope.recipe.Type;
import io.mountscope.recipe.Value;
import io.mountscope.stress.Pattern;
import io.mountscope.util.InputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads a scenario with the recipe parser's rules (unknown keys, wrong shapes: {@code file:line})
 * and checks what it means before anything is staged: required parts, the stage's shape, every
 * question's kind, choices, tolerance, points, and every name its answers use.
 */
public final class ScenarioFile {
  static final int DEFAULT_TRIES = 3;
  static final long DEFAULT_POINTS = 10;
  static final double DEFAULT_STORM_SECONDS = 300;

  private final String source;
  private final Set<String> recipes;

  private ScenarioFile(String source, Set<String> recipes) {
    this.source = source;
    this.recipes = recipes;
  }

  /** Reads and checks {@code file}; {@code recipes} are the recipe names a recipe answer may be. */
  public static Scenario load(Path file, Set<String> recipes) {
    return parse(file.toString(), RecipeFile.nameOf(file), RecipeFile.readText(file), recipes);
  }

  static Scenario parse(String source, String name, String text, Set<String> recipes) {
    if (text.isBlank()) {
      throw InputException.at(source, 1, "empty: a scenario needs title, description, questions, explanation, senior");
    }
    Scenario.Doc doc = RecipeFile.readDocument(source, text, Scenario.Doc.class);
    new ScenarioFile(source, recipes).check(doc);
    return new Scenario(name, source, doc);
  }

  private void check(Scenario.Doc d) {
    require(d.title(), "title", 1);
    require(d.description(), "description", 1);
    require(d.explanation(), "explanation", 1);
    require(d.senior(), "senior", 1);
    boolean storm = d.stage() != null && d.stage().storm() != null;
    if (d.stage() != null) {
      stage(d.stage());
    }
    if (d.tries() != null) {
      long t = integer(d.tries(), "tries");
      if (t < 1 || t > 10) {
        throw fail(d.tries(), "tries: " + t + " is not 1 to 10");
      }
    }
    if (d.questions() == null || d.questions().isEmpty()) {
      throw InputException.at(source, 1, "no questions: a scenario needs 'questions:' with at least one question");
    }
    Set<String> ids = new HashSet<>();
    for (Scenario.Ask q : d.questions()) {
      question(q, ids, storm);
    }
  }

  private void stage(Scenario.Stage s) {
    if (s.storm() != null && s.replay() != null) {
      throw fail(s.replay(), "stage: a storm or a replay, not both");
    }
    if (s.storm() == null && s.replay() == null) {
      throw InputException.at(source, 1, "stage: give 'storm' or 'replay' (leave the stage out to stage nothing)");
    }
    if (s.replay() != null && !s.replay().text().equals("demo") && !Files.isRegularFile(replayPath(s.replay()))) {
      throw fail(s.replay(), "replay: no recording " + replayPath(s.replay()) + " ('demo' is the bundled one)");
    }
    Scenario.Storm st = s.storm();
    if (st == null) {
      return;
    }
    Value pattern = require(st.pattern(), "stage: storm: pattern", 1);
    try {
      Pattern p = Pattern.of(pattern.text());
      if (p == Pattern.CUSTOM) {
        throw fail(pattern, "stage: storm: pattern custom needs a file; use bind, overlay, idmap-per-layer or idmap-common-parent");
      }
    } catch (InputException e) {
      throw fail(pattern, "stage: storm: " + e.getMessage());
    }
    if (st.layers() != null) {
      bounded(st.layers(), "layers", 1, 500);
    }
    if (st.threads() != null) {
      bounded(st.threads(), "threads", 1, 256);
    }
    if (st.duration() != null) {
      bounded(st.duration(), "duration", 1, 3600);
    }
  }

  /** A replay path is relative to the scenario's own directory. */
  Path replayPath(Value replay) {
    Path p = Path.of(replay.text());
    Path dir = Path.of(source).toAbsolutePath().getParent();
    return p.isAbsolute() || dir == null ? p : dir.resolve(p);
  }

  private void bounded(Value v, String what, double min, double max) {
    Object x = factValue(v, "stage: storm: " + what);
    double n = ((Number) x).doubleValue();
    if (n < min || n > max) {
      throw fail(v, "stage: storm: " + what + ": " + Template.show(x) + " is not " + Template.show(min) + " to "
          + Template.show(max));
    }
  }

  /** A stage value may use the node facts ({cpus}); it is evaluated here, on this node. */
  private Object factValue(Value v, String what) {
    try {
      Template t = v.template();
      Type type = t.type(Facts.TYPES::get);
      if (type != Type.INT && type != Type.NUMBER) {
        throw fail(v, what + ": '" + v.text() + "' is not a number");
      }
      return t.isLiteral() ? type.parse(v.text()) : t.eval(Facts.read()::get);
    } catch (Template.Invalid e) {
      throw fail(v, what + ": " + e.getMessage());
    }
  }

  private void question(Scenario.Ask q, Set<String> ids, boolean storm) {
    Value id = require(q.id(), "question: id", firstLine(q));
    String at = "question " + id.text();
    if (!id.text().matches("[a-z][a-z0-9-]*")) {
      throw fail(id, at + ": not a valid id (lower case letters, digits, '-')");
    }
    if (!ids.add(id.text())) {
      throw fail(id, at + ": the id is used twice");
    }
    require(q.prompt(), at + ": prompt", id.line());
    Value kindValue = require(q.kind(), at + ": kind", id.line());
    Scenario.Kind kind = Scenario.Kind.of(kindValue.text());
    if (kind == null) {
      throw fail(kindValue, at + ": unknown kind '" + kindValue.text() + "' (known: choice, number, recipe, symbol)");
    }
    boolean hasChoices = q.choices() != null && !q.choices().isEmpty();
    if ((kind == Scenario.Kind.CHOICE) != hasChoices) {
      throw fail(kind == Scenario.Kind.CHOICE ? kindValue : q.choices().get(0), kind == Scenario.Kind.CHOICE
          ? at + ": a choice needs 'choices' (two or more)" : at + ": 'choices' are only for kind choice");
    }
    if (hasChoices && q.choices().size() < 2) {
      throw fail(q.choices().get(0), at + ": a choice needs two or more choices");
    }
    if (q.tolerance() != null) {
      if (kind != Scenario.Kind.NUMBER) {
        throw fail(q.tolerance(), at + ": 'tolerance' is only for kind number");
      }
      Tolerance.parse(q.tolerance().text(), msg -> fail(q.tolerance(), at + ": tolerance: " + msg));
    }
    if (q.points() != null) {
      long p = integer(q.points(), at + ": points");
      if (p < 1 || p > 1000) {
        throw fail(q.points(), at + ": points: " + p + " is not 1 to 1000");
      }
    }
    if ((q.answer() == null) == (q.pick() == null || q.pick().isEmpty())) {
      throw fail(kindValue, at + ": give exactly one of 'answer' (an expression) and 'pick' (rules)");
    }
    Function<String, Type> types = name -> {
      if (!storm && name.startsWith("storm.")) {
        return null; // no storm staged: its names have no value
      }
      return LiveNames.type(name);
    };
    if (q.answer() != null) {
      answer(q.answer(), kind, q, at, types);
    } else {
      for (int i = 0; i < q.pick().size(); i++) {
        Scenario.Rule r = q.pick().get(i);
        Value then = require(r.then(), at + ": pick: then", kindValue.line());
        boolean last = i == q.pick().size() - 1;
        boolean conditional = r.when() != null && !r.when().isEmpty();
        if (last == conditional) {
          throw fail(then, at + ": pick: " + (last ? "the last rule has no 'when' (it is the answer when no other holds)"
              : "only the last rule may go without 'when'"));
        }
        for (Value w : r.when() == null ? List.<Value>of() : r.when()) {
          try {
            Condition.parse(w.text()).check(types);
          } catch (Template.Invalid e) {
            throw fail(w, at + ": when: " + known(e.getMessage()));
          }
        }
        answer(then, kind, q, at, types);
      }
    }
  }

  private void answer(Value v, Scenario.Kind kind, Scenario.Ask q, String at, Function<String, Type> types) {
    Type type;
    try {
      type = v.template().type(types);
    } catch (Template.Invalid e) {
      throw fail(v, at + ": answer: " + known(e.getMessage()));
    }
    if (kind == Scenario.Kind.NUMBER && type != Type.INT && type != Type.NUMBER) {
      throw fail(v, at + ": answer: '" + v.text() + "' is " + type.describe() + ", a number question needs a number");
    }
    if (!v.template().isLiteral()) {
      return;
    }
    if (kind == Scenario.Kind.CHOICE && q.choices().stream().noneMatch(c -> c.text().equals(v.text()))) {
      throw fail(v, at + ": answer '" + v.text() + "' is not one of the choices");
    }
    if (kind == Scenario.Kind.RECIPE && !v.text().equals("none") && !recipes.contains(v.text())) {
      throw fail(v, at + ": no recipe '" + v.text() + "' (recipes: " + String.join(", ", recipes) + ", or none)");
    }
  }

  /** Adds where the names come from to an unknown-name message. */
  private static String known(String message) {
    return message.startsWith("unknown name") ? message + " (known: the diagnosis metrics of docs/diagnosis.md, "
        + String.join(", ", LiveNames.OWN.keySet()) + ", cpus, numa-nodes; storm.* only with a staged storm)" : message;
  }

  private long integer(Value v, String what) {
    Object x = Type.INT.parse(v.text());
    if (x == null) {
      throw fail(v, what + ": '" + v.text() + "' is not an integer");
    }
    return (Long) x;
  }

  private static int firstLine(Scenario.Ask q) {
    return java.util.stream.Stream.of(q.id(), q.prompt(), q.kind(), q.answer(), q.points()).filter(Objects::nonNull)
        .mapToInt(Value::line).findFirst().orElse(1);
  }

  private Value require(Value v, String what, int line) {
    if (v == null || v.text().isBlank()) {
      throw InputException.at(source, v == null ? line : v.line(), "missing '" + what + "'");
    }
    return v;
  }

  private InputException fail(Value v, String msg) {
    return InputException.at(source, v.line(), msg);
  }
}
