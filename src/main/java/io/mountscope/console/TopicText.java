package io.mountscope.console;

import io.mountscope.model.HotspotFamily;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Help.Ansi;

/** The text form of {@code explain}: a topic as three short sections, or the list of topics by kind. */
final class TopicText {
  private TopicText() {}

  static String render(Topic t, int width, Ansi ansi) {
    StringBuilder b = new StringBuilder();
    String kind = t.kind().heading();
    kind = kind.endsWith("s") ? kind.substring(0, kind.length() - 1) : kind;
    b.append(ansi.string("@|bold " + t.name() + "|@")).append("  (").append(kind).append(family(t)).append(")\n");
    if (!t.aliases().isEmpty()) {
      b.append("  also: ").append(String.join(", ", t.aliases())).append('\n');
    }
    section(b, ansi, "What it is", t.what(), width);
    section(b, ansi, "Why it matters here", t.why(), width);
    section(b, ansi, "What to do next", t.next(), width);
    if (!t.see().isEmpty()) {
      b.append('\n');
      wrap(b, "See also: " + String.join(", ", t.see()), "", width);
    }
    return b.toString();
  }

  /** The symbol's lock family; for work done under a lock, also how the hotspots count it. */
  private static String family(Topic t) {
    if (t.family() == null) {
      return "";
    }
    String counted = HotspotFamily.of(t.name()).json();
    return counted.equals(t.family()) ? ", family " + t.family()
        : ", works under the " + t.family() + " locks; hotspots count it as " + counted;
  }

  static String listing(Knowledge k, Map<String, String> recipeFiles, int width) {
    StringBuilder b = new StringBuilder();
    b.append("explain TOPIC: what it is, why it matters here, what to do next. Topics:\n");
    for (Topic.Kind kind : Topic.Kind.values()) {
      List<String> names = new ArrayList<>(k.ofKind(kind).stream().map(Topic::name).toList());
      if (kind == Topic.Kind.RECIPE) {
        recipeFiles.keySet().stream().filter(r -> k.find(r).isEmpty()).forEach(names::add);
      }
      if (names.isEmpty()) {
        continue;
      }
      b.append('\n').append(kind.heading()).append('\n');
      wrap(b, String.join("  ", names), "  ", width);
    }
    return b.toString();
  }

  private static void section(StringBuilder b, Ansi ansi, String heading, String text, int width) {
    b.append('\n').append(ansi.string("@|bold,underline " + heading + "|@")).append('\n');
    wrap(b, text, "  ", width);
  }

  /** Greedy word wrap with an indent; words longer than the line stay whole. */
  static void wrap(StringBuilder b, String text, String indent, int width) {
    int col = 0;
    for (String word : text.strip().split("\\s+")) {
      if (col > 0 && col + 1 + word.length() > width) {
        b.append('\n');
        col = 0;
      }
      if (col == 0) {
        b.append(indent).append(word);
        col = indent.length() + word.length();
      } else {
        b.append(' ').append(word);
        col += 1 + word.length();
      }
    }
    b.append('\n');
  }
}
