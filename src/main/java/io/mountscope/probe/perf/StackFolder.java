package io.mountscope.probe.perf;

import java.util.HashMap;
import java.util.Map;

/**
 * Folded stacks ("outer;...;leaf" -> samples), the input of flame graphs, kept bounded: once
 * {@code maxStacks} distinct stacks are held, a new stack is counted as "[more stacks];leaf" so
 * self time per leaf stays right while memory stays flat.
 */
final class StackFolder {
  static final String MORE = "[more stacks]";
  private final int maxStacks;
  private final Map<String, Long> stacks = new HashMap<>();
  private long truncated;

  StackFolder(int maxStacks) {
    this.maxStacks = maxStacks;
  }

  /** Adds one sample; {@code frames[0]} is the leaf, {@code frames[n-1]} the outermost frame. */
  void add(String[] frames, int n) {
    StringBuilder b = new StringBuilder(n * 24);
    for (int i = n - 1; i >= 0; i--) {
      b.append(frames[i]);
      if (i > 0) {
        b.append(';');
      }
    }
    String key = b.toString();
    Long c = stacks.get(key);
    if (c == null && stacks.size() >= maxStacks) {
      key = MORE + ';' + frames[0];
      c = stacks.get(key);
      truncated++;
    }
    stacks.put(key, c == null ? 1 : c + 1);
  }

  /** A copy of the folded stacks. */
  Map<String, Long> snapshot() {
    return new HashMap<>(stacks);
  }

  /** Samples whose stack did not fit and were folded under their leaf only. */
  long truncated() {
    return truncated;
  }
}
