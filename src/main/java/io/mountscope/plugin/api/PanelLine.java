package io.mountscope.plugin.api;

/** One line of a plugin panel and its tone; the dashboard cuts it to the panel's width. */
public record PanelLine(String text, Tone tone) {
  public static PanelLine of(String text) {
    return new PanelLine(text, Tone.NORMAL);
  }

  public static PanelLine of(String text, Tone tone) {
    return new PanelLine(text, tone);
  }
}
