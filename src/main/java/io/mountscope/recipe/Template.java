package io.mountscope.recipe;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * A value as written in a recipe: literal text with {@code {expression}} parts, where an
 * expression is arithmetic (+ - * / and parentheses; integers divide as integers) over numbers
 * and names (parameters, node facts, outputs of earlier steps). Names may contain '-' and '.', so subtraction needs spaces:
 * {@code {cpus - 1}}. {@code {{} and {@code }}} stand for literal braces. A template that is exactly
 * one expression has that expression's type; any other template is text.
 */
public final class Template {
  /** A mistake in how a template is written or typed; the caller adds file and line. */
  public static final class Invalid extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Invalid(String message) {
      super(message);
    }
  }

  /** A name whose value is not known yet (a dry run does not measure). */
  public static final class Unresolved extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Unresolved(String name) {
      super(name);
    }
  }

  private sealed interface Node {}

  private record Num(Object value) implements Node {}

  private record Ref(String name) implements Node {}

  private record Neg(Node of) implements Node {}

  private record Bin(char op, Node left, Node right) implements Node {}

  private final String text;
  /** Literal strings and expression nodes, in order. */
  private final List<Object> parts;

  private Template(String text, List<Object> parts) {
    this.text = text;
    this.parts = parts;
  }

  public static Template parse(String text) {
    List<Object> parts = new ArrayList<>();
    StringBuilder lit = new StringBuilder();
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '{' && i + 1 < text.length() && text.charAt(i + 1) == '{') {
        lit.append('{');
        i += 2;
      } else if (c == '}' && i + 1 < text.length() && text.charAt(i + 1) == '}') {
        lit.append('}');
        i += 2;
      } else if (c == '{') {
        int end = text.indexOf('}', i);
        if (end < 0) {
          throw new Invalid("unclosed '{' in \"" + text + "\" (write {{ for a literal brace)");
        }
        if (lit.length() > 0) {
          parts.add(lit.toString());
          lit.setLength(0);
        }
        parts.add(new Parser(text.substring(i + 1, end)).parseAll());
        i = end + 1;
      } else if (c == '}') {
        throw new Invalid("stray '}' in \"" + text + "\" (write }} for a literal brace)");
      } else {
        lit.append(c);
        i++;
      }
    }
    if (lit.length() > 0 || parts.isEmpty()) {
      parts.add(lit.toString());
    }
    return new Template(text, List.copyOf(parts));
  }

  public String text() {
    return text;
  }

  /** True when the template has no expressions. */
  public boolean isLiteral() {
    return parts.stream().allMatch(p -> p instanceof String);
  }

  /** Every name the template refers to, in order. */
  public Set<String> refs() {
    Set<String> out = new LinkedHashSet<>();
    for (Object p : parts) {
      if (p instanceof Node n) {
        collect(n, out);
      }
    }
    return out;
  }

  private static void collect(Node n, Set<String> out) {
    if (n instanceof Ref r) {
      out.add(r.name());
    } else if (n instanceof Neg g) {
      collect(g.of(), out);
    } else if (n instanceof Bin b) {
      collect(b.left(), out);
      collect(b.right(), out);
    }
  }

  /** The template's type given the types of names (null for an unknown name: an error here). */
  public Type type(Function<String, Type> types) {
    if (parts.size() == 1 && parts.get(0) instanceof String s) {
      return Type.ofLiteral(s);
    }
    Type result = Type.STRING;
    for (Object p : parts) {
      if (p instanceof Node n) {
        result = typeOf(n, types);
      }
    }
    return parts.size() == 1 ? result : Type.STRING;
  }

  private static Type typeOf(Node n, Function<String, Type> types) {
    if (n instanceof Num num) {
      return num.value() instanceof Long ? Type.INT : Type.NUMBER;
    }
    if (n instanceof Ref r) {
      Type t = types.apply(r.name());
      if (t == null) {
        throw new Invalid("unknown name '" + r.name() + "'");
      }
      return t;
    }
    if (n instanceof Neg g) {
      return numeric(typeOf(g.of(), types), "-");
    }
    Bin b = (Bin) n;
    Type l = numeric(typeOf(b.left(), types), String.valueOf(b.op()));
    Type r = numeric(typeOf(b.right(), types), String.valueOf(b.op()));
    return l == Type.INT && r == Type.INT ? Type.INT : Type.NUMBER;
  }

  private static Type numeric(Type t, String op) {
    if (t != Type.INT && t != Type.NUMBER) {
      throw new Invalid("'" + op + "' needs numbers, not " + t.describe());
    }
    return t;
  }

  /**
   * The value: for a single expression its Long, Double, Boolean or String; otherwise the text
   * with every expression replaced by its value. Throws {@link Unresolved} for a name without a
   * value yet.
   */
  public Object eval(Function<String, Object> values) {
    if (parts.size() == 1) {
      return parts.get(0) instanceof Node n ? evalNode(n, values) : parts.get(0);
    }
    StringBuilder b = new StringBuilder();
    for (Object p : parts) {
      b.append(p instanceof Node n ? show(evalNode(n, values)) : (String) p);
    }
    return b.toString();
  }

  /** A value as text: integers without ".0", other numbers with at most 3 decimals. */
  public static String show(Object v) {
    if (v instanceof Double d) {
      if (d == Math.rint(d) && Math.abs(d) < 1e15) {
        return Long.toString(d.longValue());
      }
      return String.format(Locale.US, "%.3f", d).replaceAll("0+$", "");
    }
    return String.valueOf(v);
  }

  private static Object evalNode(Node n, Function<String, Object> values) {
    if (n instanceof Num num) {
      return num.value();
    }
    if (n instanceof Ref r) {
      Object v = values.apply(r.name());
      if (v == null) {
        throw new Unresolved(r.name());
      }
      return v;
    }
    if (n instanceof Neg g) {
      Object v = evalNode(g.of(), values);
      return v instanceof Long l ? (Object) (-l) : (Object) (-toDouble(v));
    }
    Bin b = (Bin) n;
    Object l = evalNode(b.left(), values);
    Object r = evalNode(b.right(), values);
    if (l instanceof Long x && r instanceof Long y) {
      if (b.op() == '/' && y == 0) {
        throw new Invalid("division by zero");
      }
      return switch (b.op()) {
        case '+' -> x + y;
        case '-' -> x - y;
        case '*' -> x * y;
        default -> x / y; // integers divide as integers: {max / 4} stays a count
      };
    }
    double x = toDouble(l);
    double y = toDouble(r);
    return switch (b.op()) {
      case '+' -> x + y;
      case '-' -> x - y;
      case '*' -> x * y;
      default -> x / y;
    };
  }

  private static double toDouble(Object v) {
    if (v instanceof Number n) {
      return n.doubleValue();
    }
    throw new Invalid("'" + v + "' is not a number");
  }

  @Override
  public String toString() {
    return text;
  }

  /** Recursive descent over one expression: sum := product (('+'|'-') product)*, and so on. */
  private static final class Parser {
    private final String s;
    private int pos;

    Parser(String s) {
      this.s = s;
    }

    Node parseAll() {
      if (s.isBlank()) {
        throw new Invalid("empty {} (write {{}} for literal braces)");
      }
      Node n = sum();
      skip();
      if (pos < s.length()) {
        throw new Invalid("cannot read '{" + s + "}' at '" + s.substring(pos) + "'");
      }
      return n;
    }

    private Node sum() {
      Node n = product();
      while (true) {
        skip();
        if (peek('+') || peek('-')) {
          char op = s.charAt(pos++);
          n = new Bin(op, n, product());
        } else {
          return n;
        }
      }
    }

    private Node product() {
      Node n = unary();
      while (true) {
        skip();
        if (peek('*') || peek('/')) {
          char op = s.charAt(pos++);
          n = new Bin(op, n, unary());
        } else {
          return n;
        }
      }
    }

    private Node unary() {
      skip();
      if (peek('-')) {
        pos++;
        return new Neg(unary());
      }
      if (peek('(')) {
        pos++;
        Node n = sum();
        skip();
        if (!peek(')')) {
          throw new Invalid("missing ')' in '{" + s + "}'");
        }
        pos++;
        return n;
      }
      int start = pos;
      if (pos < s.length() && (Character.isDigit(s.charAt(pos)) || s.charAt(pos) == '.')) {
        while (pos < s.length() && (Character.isDigit(s.charAt(pos)) || s.charAt(pos) == '.')) {
          pos++;
        }
        String num = s.substring(start, pos);
        try {
          return new Num(num.contains(".") ? (Object) Double.parseDouble(num) : (Object) Long.parseLong(num));
        } catch (NumberFormatException e) {
          throw new Invalid("bad number '" + num + "' in '{" + s + "}'");
        }
      }
      if (pos < s.length() && Character.isLetter(s.charAt(pos))) {
        while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || "-_.".indexOf(s.charAt(pos)) >= 0)) {
          pos++;
        }
        return new Ref(s.substring(start, pos));
      }
      throw new Invalid(pos < s.length() ? "unexpected '" + s.charAt(pos) + "' in '{" + s + "}'"
          : "'{" + s + "}' ends too early");
    }

    private boolean peek(char c) {
      return pos < s.length() && s.charAt(pos) == c;
    }

    private void skip() {
      while (pos < s.length() && s.charAt(pos) == ' ') {
        pos++;
      }
    }
  }
}
