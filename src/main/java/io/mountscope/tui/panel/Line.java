package io.mountscope.tui.panel;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** One screen line of styled spans, built left to right. */
public final class Line {
  private final List<Span> spans = new ArrayList<>();
  private int length;

  public static Line of(String text) {
    return new Line().add(text);
  }

  public static Line of(String text, Style style) {
    return new Line().add(text, style);
  }

  public Line add(String text) {
    return add(text, Style.NORMAL);
  }

  public Line add(String text, Style style) {
    if (text != null && !text.isEmpty()) {
      spans.add(new Span(text, style));
      length += text.length();
    }
    return this;
  }

  /** Appends spaces up to {@code column} (nothing if already there). */
  public Line padTo(int column) {
    return length < column ? add(" ".repeat(column - length)) : this;
  }

  public int length() {
    return length;
  }

  public List<Span> spans() {
    return Collections.unmodifiableList(spans);
  }

  /** The plain text, for filters and tests. */
  public String text() {
    StringBuilder b = new StringBuilder(length);
    spans.forEach(s -> b.append(s.text()));
    return b.toString();
  }

  @Override
  public String toString() {
    return text();
  }
}
