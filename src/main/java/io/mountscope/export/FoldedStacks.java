package io.mountscope.export;

import io.mountscope.model.HotspotSample;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * Sampled kernel stacks over a window, folded: "outer;...;leaf" -> samples. Written as collapsed
 * stacks (one "frames count" line each), the input flamegraph.pl, inferno and speedscope read.
 */
public record FoldedStacks(Map<String, Long> stacks) {

  public FoldedStacks {
    stacks = java.util.Collections.unmodifiableMap(new TreeMap<>(stacks));
  }

  /**
   * The stacks sampled over a run of cumulative {@link HotspotSample}s (oldest first, nulls
   * skipped): what each one added to the one before it; a sampler that restarted (fewer samples
   * than before) counts from zero again.
   */
  public static FoldedStacks over(Iterable<HotspotSample> samples) {
    Map<String, Long> sum = new TreeMap<>();
    HotspotSample before = null;
    for (HotspotSample now : samples) {
      if (now == null) {
        continue;
      }
      boolean restarted = before == null || now.totalSamples() < before.totalSamples();
      for (Map.Entry<String, Long> e : now.foldedStacks().entrySet()) {
        long was = restarted ? 0 : before.foldedStacks().getOrDefault(e.getKey(), 0L);
        long d = e.getValue() - was;
        if (d > 0) {
          sum.merge(e.getKey(), d, Long::sum);
        }
      }
      before = now;
    }
    return new FoldedStacks(sum);
  }

  public long total() {
    return stacks.values().stream().mapToLong(Long::longValue).sum();
  }

  public boolean isEmpty() {
    return stacks.isEmpty();
  }

  /** Writes the collapsed-stack lines, sorted by stack. */
  public void write(Path file) throws IOException {
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (Map.Entry<String, Long> e : stacks.entrySet()) {
        if (e.getValue() > 0) {
          w.write(frames(e.getKey()));
          w.write(' ');
          w.write(Long.toString(e.getValue()));
          w.write('\n');
        }
      }
    }
  }

  /** A stack as the format wants it: no line breaks, and empty frames named. */
  static String frames(String stack) {
    String s = stack.replace('\n', ' ').replace('\r', ' ');
    return s.isEmpty() ? "[unknown]" : s.replace(";;", ";[unknown];");
  }
}
