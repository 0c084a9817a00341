package io.mountscope.tui.panel;

import io.mountscope.model.Severity;

/** What a piece of text means on screen; the dashboard's Theme turns it into colours per terminal. */
public enum Style {
  NORMAL, DIM, BOLD, TITLE, TITLE_FOCUSED, BORDER, BORDER_FOCUSED, TABLE_HEAD,
  OK, INFO, WARN, CRIT, SPARK, HEADER, HEADER_DIM, STATUS, STATUS_KEY, BANNER, INPUT;

  /** The style of a verdict's severity. */
  public static Style of(Severity s) {
    if (s == null) {
      return NORMAL;
    }
    return switch (s) {
      case CRITICAL -> CRIT;
      case WARNING -> WARN;
      case INFO -> INFO;
    };
  }

  /** The style of a risk level: high, medium, low. */
  public static Style ofRisk(String level) {
    if (level == null) {
      return DIM;
    }
    return switch (level) {
      case "high" -> CRIT;
      case "medium" -> WARN;
      default -> OK;
    };
  }
}
