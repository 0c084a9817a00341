package io.mountscope.training;

import io.mountscope.recipe.Condition;
import io.mountscope.recipe.Template;
import io.mountscope.recipe.Value;
import io.mountscope.util.InputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Computes a question's right answer from the live data and judges an answer against it. The data
 * moves while the trainee reads it, so an answer is right when it matches the value of any reading
 * taken while the question was open (a number within the tolerance of one of them).
 */
public final class Grader {
  private Grader() {}

  /** The right answers over a window of readings, oldest first; {@code unavailable} says why there are none. */
  public record Expected(List<Object> values, String unavailable) {
    /** The right answer at the newest reading, as text. */
    public String latest() {
      return values.isEmpty() ? "(not measured)" : show(values.get(values.size() - 1));
    }
  }

  /** How an answer fared: right, wrong, or not an answer of this kind (which costs no try). */
  public sealed interface Judgement {
    record Right(String matched) implements Judgement {}

    record Wrong() implements Judgement {}

    record Invalid(String why) implements Judgement {}
  }

  /** The question's answer at every reading of the window; readings where a name has no value are left out. */
  public static Expected expected(Scenario.Ask q, List<Reading> window, Map<String, Object> facts) {
    List<Object> out = new ArrayList<>();
    String missing = null;
    for (Reading r : window) {
      Function<String, Object> values = name -> LiveNames.value(name, r, facts);
      try {
        Object v = answerAt(q, values);
        if (v != null && !out.contains(v)) {
          out.add(v);
        }
      } catch (Template.Unresolved e) {
        missing = e.getMessage();
      }
    }
    if (out.isEmpty()) {
      String why = window.isEmpty() ? "no live data yet" : "this node does not measure " + missing
          + (missing != null && window.get(window.size() - 1).model().probes() != null ? probeReason(missing, window) : "");
      return new Expected(List.of(), why);
    }
    return new Expected(List.copyOf(out), null);
  }

  private static String probeReason(String name, List<Reading> window) {
    String part = name.contains(".") ? name.substring(0, name.indexOf('.')) : name;
    var st = window.get(window.size() - 1).model().probes().get(part);
    return st == null || st.reason() == null || st.reason().isEmpty() ? "" : " (" + part + ": " + st.state() + ", "
        + st.reason() + ")";
  }

  private static Object answerAt(Scenario.Ask q, Function<String, Object> values) {
    if (q.answer() != null) {
      return q.answer().template().eval(values);
    }
    for (Scenario.Rule rule : q.pick()) {
      boolean holds = true;
      for (Value w : rule.when() == null ? List.<Value>of() : rule.when()) {
        try {
          holds &= Condition.parse(w.text()).holds(values);
        } catch (Template.Unresolved noData) {
          holds = false; // no data, no rule: as the diagnosis treats a metric the node lacks
        }
      }
      if (holds) {
        return rule.then().template().eval(values);
      }
    }
    return null;
  }

  /** Judges {@code given} against the expected values; {@code recipes} are the names a recipe answer may be. */
  public static Judgement judge(Scenario.Ask q, String given, Expected e, Set<String> recipes) {
    String a = given.strip();
    return switch (Scenario.Kind.of(q.kind().text())) {
      case NUMBER -> number(q, a, e);
      case CHOICE -> {
        String chosen = choice(q, a);
        if (chosen == null) {
          yield new Judgement.Invalid("answer with one of the choices, by number (1 to " + q.choices().size()
              + ") or name");
        }
        yield match(chosen, e, String::equals);
      }
      case RECIPE -> {
        String name = a.toLowerCase(Locale.ROOT);
        if (!name.equals("none") && !recipes.contains(name)) {
          yield new Judgement.Invalid("no recipe '" + a + "'; answer with a recipe name (" + String.join(", ", recipes)
              + ") or none");
        }
        yield match(name, e, String::equals);
      }
      case SYMBOL -> a.isEmpty() ? new Judgement.Invalid("answer with a kernel symbol")
          : match(symbol(a), e, (x, y) -> symbol(x).equalsIgnoreCase(y));
    };
  }

  private static Judgement number(Scenario.Ask q, String a, Expected e) {
    double n;
    try {
      n = Double.parseDouble(a.replace(",", ""));
    } catch (NumberFormatException notANumber) {
      return new Judgement.Invalid("answer with a number");
    }
    Tolerance t = q.tolerance() == null ? Tolerance.EXACT : Tolerance.parse(q.tolerance().text(), InputException::new);
    for (Object v : e.values()) {
      if (v instanceof Number x && t.accepts(x.doubleValue(), n)) {
        return new Judgement.Right(show(v));
      }
    }
    return new Judgement.Wrong();
  }

  private static Judgement match(String given, Expected e, java.util.function.BiPredicate<String, String> same) {
    for (Object v : e.values()) {
      if (same.test(show(v), given)) {
        return new Judgement.Right(show(v));
      }
    }
    return new Judgement.Wrong();
  }

  /** A choice by its number, its text, or a unique start of it; null when none. */
  static String choice(Scenario.Ask q, String a) {
    List<String> options = q.choices().stream().map(Value::text).toList();
    try {
      int i = Integer.parseInt(a);
      return i >= 1 && i <= options.size() ? options.get(i - 1) : null;
    } catch (NumberFormatException byName) {
      String found = null;
      for (String o : options) {
        if (o.equalsIgnoreCase(a)) {
          return o;
        }
        if (!a.isEmpty() && o.toLowerCase(Locale.ROOT).startsWith(a.toLowerCase(Locale.ROOT))) {
          if (found != null) {
            return null;
          }
          found = o;
        }
      }
      return found;
    }
  }

  /** A kernel symbol without its offset ("do_lock_mount+0x4f" is do_lock_mount). */
  static String symbol(String s) {
    String t = s.strip();
    int plus = t.indexOf('+');
    return plus > 0 ? t.substring(0, plus) : t;
  }

  /** Points for a question answered right after {@code wrong} wrong answers out of {@code tries}. */
  public static long points(long max, int wrong, int tries) {
    return wrong >= tries ? 0 : Math.round((double) max * (tries - wrong) / tries);
  }

  static String show(Object v) {
    if (v instanceof Double d && Math.abs(d) >= 10) {
      return Long.toString(Math.round(d));
    }
    return Template.show(v);
  }
}
