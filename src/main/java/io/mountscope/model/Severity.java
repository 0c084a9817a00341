package io.mountscope.model;

import com.fasterxml.jackson.annotation.JsonValue;

/** Severity of a verdict, from informational to critical. */
public enum Severity {
  INFO, WARNING, CRITICAL;

  @JsonValue
  public String json() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
