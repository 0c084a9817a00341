package io.mountscope.stress;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.mountscope.util.InputException;

/** Where the storm mounts: a private mount namespace (default) or the host's (journaled, opt-in). */
public enum Namespace {
  PRIVATE("private"),
  HOST("host");

  private final String cliName;

  Namespace(String cliName) {
    this.cliName = cliName;
  }

  @JsonValue
  public String cliName() {
    return cliName;
  }

  @JsonCreator
  public static Namespace of(String name) {
    for (Namespace n : values()) {
      if (n.cliName.equals(name)) {
        return n;
      }
    }
    throw new InputException("unknown namespace '" + name + "': use private or host");
  }

  @Override
  public String toString() {
    return cliName;
  }
}
