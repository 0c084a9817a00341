package io.mountscope.recipe;

import java.util.function.Function;

/**
 * A {@code when:} condition: two templates and a comparison, {@code "{cmp.verdict} == better"} or
 * {@code "{knee.knee} > 0"}. Numbers compare as numbers, anything else as text (== and != only).
 */
public record Condition(Template left, String op, Template right) {
  private static final String[] OPS = {" == ", " != ", " <= ", " >= ", " < ", " > "};

  public static Condition parse(String text) {
    for (String op : OPS) {
      int i = text.indexOf(op);
      if (i > 0) {
        return new Condition(Template.parse(text.substring(0, i).trim()), op.trim(),
            Template.parse(text.substring(i + op.length()).trim()));
      }
    }
    throw new Template.Invalid("a condition is 'LEFT OP RIGHT' with OP one of == != < <= > >= between spaces, e.g. "
        + "\"{cmp.verdict} == better\"");
  }

  /** Checks names and that ordering compares numbers. */
  public void check(Function<String, Type> types) {
    Type l = left.type(types);
    Type r = right.type(types);
    boolean numeric = (l == Type.INT || l == Type.NUMBER) && (r == Type.INT || r == Type.NUMBER);
    if (!op.equals("==") && !op.equals("!=") && !numeric) {
      throw new Template.Invalid("'" + op + "' compares numbers; " + left + " and " + right + " are not both numbers");
    }
  }

  public boolean holds(Function<String, Object> values) {
    Object l = left.eval(values);
    Object r = right.eval(values);
    if (l instanceof Number || r instanceof Number) {
      Double a = number(l);
      Double b = number(r);
      if (a != null && b != null) {
        int c = Double.compare(a, b);
        return switch (op) {
          case "==" -> c == 0;
          case "!=" -> c != 0;
          case "<" -> c < 0;
          case "<=" -> c <= 0;
          case ">" -> c > 0;
          default -> c >= 0;
        };
      }
    }
    boolean eq = Template.show(l).equals(Template.show(r));
    return op.equals("==") ? eq : !eq;
  }

  private static Double number(Object o) {
    if (o instanceof Number n) {
      return n.doubleValue();
    }
    try {
      return Double.parseDouble(String.valueOf(o));
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
