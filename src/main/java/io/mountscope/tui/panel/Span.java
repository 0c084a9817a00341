package io.mountscope.tui.panel;

/** A run of text in one style. */
public record Span(String text, Style style) {}
