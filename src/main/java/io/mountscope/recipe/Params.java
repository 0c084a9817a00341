package io.mountscope.recipe;

import io.mountscope.util.InputException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A recipe's parameter values for one run: each default (which may use node facts and earlier
 * parameters), replaced by {@code --set NAME=VALUE}, typed and checked against the parameter's
 * bounds or choices. Any mistake is exit 2 before the recipe starts.
 */
public final class Params {
  private Params() {}

  public static Map<String, Object> resolve(Recipe r, Map<String, String> sets, Map<String, Object> facts) {
    for (String k : sets.keySet()) {
      if (!r.parameters().containsKey(k)) {
        throw new InputException("--set " + k + ": recipe " + r.name() + " has no parameter '" + k + "'"
            + (r.parameters().isEmpty() ? " (it has none)" : " (parameters: " + String.join(", ", r.parameters().keySet()) + ")"));
      }
    }
    Map<String, Object> values = new LinkedHashMap<>();
    for (Map.Entry<String, Param> e : r.parameters().entrySet()) {
      String name = e.getKey();
      Param p = e.getValue();
      Type type = Type.of(p.type().text());
      Object v;
      String where;
      if (sets.containsKey(name)) {
        where = "--set " + name + "=" + sets.get(name);
        v = type.parse(sets.get(name));
        if (v == null) {
          throw new InputException(where + ": expected " + type.describe());
        }
      } else {
        where = r.at(p.defaultValue().line()) + ": default of " + name;
        Map<String, Object> scope = new LinkedHashMap<>(facts);
        scope.putAll(values);
        v = coerce(type, p.defaultValue().template().eval(scope::get));
        if (v == null) {
          throw new InputException(where + ": '" + p.defaultValue().text() + "' is not " + type.describe());
        }
      }
      check(name, p, type, v, where);
      values.put(name, v);
    }
    return values;
  }

  /** A value of a template made to fit the type (an int where a number is wanted), or null. */
  static Object coerce(Type type, Object v) {
    if (type == Type.NUMBER && v instanceof Long l) {
      return l.doubleValue();
    }
    if (type == Type.INT && v instanceof Double d && d == Math.rint(d)) {
      return d.longValue();
    }
    if (type == Type.STRING) {
      return Template.show(v);
    }
    if (v instanceof String s) {
      return type.parse(s);
    }
    return switch (type) {
      case INT -> v instanceof Long ? v : null;
      case NUMBER -> v instanceof Double ? v : null;
      case BOOL -> v instanceof Boolean ? v : null;
      case STRING -> v;
    };
  }

  static void check(String name, Param p, Type type, Object v, String where) {
    if (v instanceof Number n) {
      if (p.min() != null && n.doubleValue() < Double.parseDouble(p.min().text())) {
        throw new InputException(where + ": " + name + " must be at least " + p.min().text());
      }
      if (p.max() != null && n.doubleValue() > Double.parseDouble(p.max().text())) {
        throw new InputException(where + ": " + name + " must be at most " + p.max().text());
      }
    }
    if (p.choices() != null && !p.choices().isEmpty()) {
      List<String> choices = p.choices().stream().map(Value::text).toList();
      if (!choices.contains(Template.show(v))) {
        throw new InputException(where + ": " + name + " must be one of " + String.join(", ", choices));
      }
    }
  }
}
