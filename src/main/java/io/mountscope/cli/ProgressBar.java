package io.mountscope.cli;

import io.mountscope.stress.StressProgress;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * A one-line progress bar with the current rate, on stderr and only when stderr is a terminal, so
 * that stdout (text or --json) stays clean for pipes. It appears once a run has lasted a second
 * (short runs just print their result) and is erased before the result is printed.
 */
final class ProgressBar {
  private static final int WIDTH = 30;
  private final PrintWriter err;
  private final boolean enabled;
  private final long begin = System.nanoTime();
  private boolean shown;

  ProgressBar(PrintWriter err, boolean terminal) {
    this.err = err;
    this.enabled = terminal;
  }

  synchronized void update(StressProgress p) {
    if (!enabled || System.nanoTime() - begin < 1_000_000_000L) {
      return;
    }
    int filled = (int) Math.round(Math.max(0, Math.min(1, p.fraction())) * WIDTH);
    String rate = p.phase().equals("storm") ? String.format(Locale.US, "  %,.0f starts/s  %,d starts", p.startsPerSecond(), p.starts())
        : "";
    err.print(String.format(Locale.US, "\r\033[K[%s%s] %3.0f%%  %s %.1f s%s", "#".repeat(filled), ".".repeat(WIDTH - filled),
        p.fraction() * 100, p.phase(), p.elapsedSeconds(), rate));
    err.flush();
    shown = true;
  }

  synchronized void clear() {
    if (shown) {
      err.print("\r\033[K");
      err.flush();
      shown = false;
    }
  }
}
