package io.mountscope.console;

import io.mountscope.model.Model;
import io.mountscope.model.Severity;
import io.mountscope.model.Verdict;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

/**
 * The live line at the bottom of the console: the top verdict, the total mount-syscall rate, the
 * mount table, mountinfo read time and mountscope's own cost. Parts the probes do not deliver
 * show as "n/a", never as zero.
 */
final class StatusLine {
  static final AttributedStyle BAR = AttributedStyle.DEFAULT.inverse();

  private StatusLine() {}

  /** The most severe verdict (the first of equals, as the diagnosis ordered them). */
  static Optional<Verdict> top(Model m) {
    if (m.verdicts() == null) {
      return Optional.empty();
    }
    return m.verdicts().stream().max(Comparator.comparingInt((Verdict v) -> v.severity().ordinal())
        .thenComparing(v -> -m.verdicts().indexOf(v)));
  }

  /** Total mount syscalls per second over all kinds, or empty when the counters are not available. */
  static Optional<Double> mountRate(Model m) {
    return m.mountActivity() == null ? Optional.empty() : Optional.of(m.mountActivity().totalRate());
  }

  /** The parts of the line as plain text, in order; tests read these. */
  static List<String> parts(Model m) {
    List<String> parts = new ArrayList<>();
    parts.add(top(m).map(v -> v.severity().json().toUpperCase(Locale.ROOT) + " " + v.title()).orElse("no verdict"));
    parts.add("mount syscalls " + mountRate(m).map(r -> String.format(Locale.US, "%,.0f/s", r)).orElse("n/a"));
    parts.add(m.mountTable() == null ? "mounts n/a"
        : String.format(Locale.US, "mounts %,d, mountinfo %.1f ms", m.mountTable().mounts(), m.mountTable().readMillis()));
    parts.add(m.self() == null ? "self n/a"
        : String.format(Locale.US, "self %.1f%% cpu", m.self().cpuShare() * 100));
    return parts;
  }

  /** The styled line: inverse video, the verdict coloured by severity (the bar pads it to the width). */
  static AttributedString render(Model m, boolean unicode) {
    List<String> parts = parts(m);
    AttributedStringBuilder b = new AttributedStringBuilder().style(BAR).append(' ');
    AttributedStyle verdict = top(m).map(v -> severityStyle(v.severity())).orElse(BAR);
    b.style(verdict).append(parts.get(0)).style(BAR);
    String sep = unicode ? "  ·  " : "  |  ";
    for (int i = 1; i < parts.size(); i++) {
      b.append(sep).append(parts.get(i));
    }
    return b.toAttributedString();
  }

  /** A line in the bar's style with a fixed message (before the first sample, while a command runs). */
  static AttributedString message(String text) {
    return new AttributedStringBuilder().style(BAR).append(' ').append(text).toAttributedString();
  }

  /** Cut or padded to exactly {@code width} columns, the padding in the bar's style. */
  static AttributedString fit(AttributedString line, int width) {
    if (line.columnLength() > width) {
      return line.columnSubSequence(0, width);
    }
    return new AttributedStringBuilder().append(line).style(BAR).append(" ".repeat(width - line.columnLength()))
        .toAttributedString();
  }

  private static AttributedStyle severityStyle(Severity s) {
    return switch (s) {
      case CRITICAL -> BAR.foreground(AttributedStyle.RED).bold();
      case WARNING -> BAR.foreground(AttributedStyle.YELLOW).bold();
      case INFO -> BAR;
    };
  }
}
