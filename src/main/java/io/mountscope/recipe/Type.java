package io.mountscope.recipe;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The type of a parameter, a step's output, or a value written in a recipe. */
public enum Type {
  INT, NUMBER, BOOL, STRING;

  @JsonValue
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Null for an unknown name (the loader reports it with the line). */
  @JsonCreator
  public static Type of(String key) {
    for (Type t : values()) {
      if (t.key().equals(key)) {
        return t;
      }
    }
    return null;
  }

  /** Whether a value of type {@code t} may go where this type is expected (an int is a number). */
  public boolean accepts(Type t) {
    return this == t || this == STRING || (this == NUMBER && t == INT);
  }

  /** Parses text as this type, or null when it is not one. */
  public Object parse(String text) {
    String s = text.trim();
    try {
      return switch (this) {
        case INT -> Long.parseLong(s);
        case NUMBER -> Double.parseDouble(s);
        case BOOL -> s.equals("true") || s.equals("yes") ? Boolean.TRUE : s.equals("false") || s.equals("no") ? Boolean.FALSE : null;
        case STRING -> text;
      };
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** "an integer", "a number", "true or false", "text". */
  public String describe() {
    return switch (this) {
      case INT -> "an integer";
      case NUMBER -> "a number";
      case BOOL -> "true or false";
      case STRING -> "text";
    };
  }

  /** The type of a literal as written: 4 is an int, 0.5 a number, true a bool, anything else text. */
  public static Type ofLiteral(String text) {
    String s = text.trim();
    if (s.matches("-?\\d+")) {
      return INT;
    }
    if (s.matches("-?(\\d+\\.\\d*|\\.\\d+|\\d+)([eE][-+]?\\d+)?")) {
      return NUMBER;
    }
    if (s.equals("true") || s.equals("false")) {
      return BOOL;
    }
    return STRING;
  }
}
