package io.mountscope.recipe.operator;

import java.io.PrintWriter;

/** What the line-based operators share: steps, paragraphs, warnings, tables and charts as plain lines. */
public abstract class TextOperator implements Operator {
  protected final PrintWriter out;
  private final boolean unicode;
  private final int width;

  protected TextOperator(PrintWriter out, boolean unicode, int width) {
    this.out = out;
    this.unicode = unicode;
    this.width = width;
  }

  @Override
  public void step(String title) {
    out.println();
    out.println("== " + title);
    out.flush();
  }

  @Override
  public void say(String text) {
    out.println(text.stripTrailing());
    out.flush();
  }

  @Override
  public void warn(String text) {
    out.println("! " + text.stripTrailing());
    out.flush();
  }

  @Override
  public void table(Table t) {
    out.println();
    TextBlocks.table(t).forEach(out::println);
    out.flush();
  }

  @Override
  public void chart(BarChart c) {
    out.println();
    TextBlocks.chart(c, width, unicode).forEach(out::println);
    out.flush();
  }

  /** "[y/N]" for a yes/no question, "[a/b/c]" for choices, "[default]" for free text. */
  protected static String options(Question q) {
    return q.freeText() ? "[" + q.defaultChoice() + "]" : q.isYesNo() ? "[y/N]" : "[" + String.join("/", q.choices()) + "]";
  }
}
