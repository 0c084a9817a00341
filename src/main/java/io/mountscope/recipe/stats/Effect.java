package io.mountscope.recipe.stats;

import com.fasterxml.jackson.annotation.JsonValue;

/** What a change did to a latency distribution: the only verdicts a comparison may give. */
public enum Effect {
  BETTER("better"),
  WORSE("worse"),
  NO_DIFFERENCE("no significant difference");

  private final String words;

  Effect(String words) {
    this.words = words;
  }

  @JsonValue
  public String words() {
    return words;
  }

  @Override
  public String toString() {
    return words;
  }
}
