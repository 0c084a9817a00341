package io.mountscope.console;

import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.jline.terminal.Terminal;
import org.jline.utils.AttributedString;
import org.jline.utils.InfoCmp.Capability;

/**
 * A one-line progress bar on the console's terminal, redrawn in place ("measure  ███░░░ 45%
 * 450/1000 starts"). With an unknown total it shows a spinner and the count. Redraws at most ten
 * times a second; {@link #close()} draws the final state and ends the line.
 */
public final class ProgressBar implements AutoCloseable {
  private static final long MIN_REDRAW_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
  private final Terminal terminal;
  private final String label;
  private final long total;
  private final boolean unicode;
  private long done;
  private String note = "";
  private long lastDraw;
  private int frame;
  private boolean closed;

  ProgressBar(Terminal terminal, String label, long total, boolean unicode) {
    this.terminal = terminal;
    this.label = label;
    this.total = total;
    this.unicode = unicode;
    draw();
  }

  /** Sets how much is done (out of the total given at the start). */
  public synchronized void update(long done) {
    update(done, note);
  }

  /** Sets how much is done and a short note shown after the numbers (e.g. "p99 1.2 s"). */
  public synchronized void update(long done, String note) {
    this.done = done;
    this.note = note == null ? "" : note;
    long now = System.nanoTime();
    if (now - lastDraw >= MIN_REDRAW_NANOS) {
      draw();
    }
  }

  @Override
  public synchronized void close() {
    if (!closed) {
      closed = true;
      draw();
      terminal.writer().println();
      terminal.flush();
    }
  }

  private void draw() {
    lastDraw = System.nanoTime();
    terminal.writer().print('\r');
    terminal.writer().print(new AttributedString(render(label, done, total, note, terminal.getWidth() - 1, unicode, frame++))
        .toAnsi(terminal));
    terminal.puts(Capability.clr_eol);
    terminal.flush();
  }

  /** The bar's text for a given state, fitted to {@code width} columns. */
  static String render(String label, long done, long total, String note, int width, boolean unicode, int frame) {
    String tail;
    String bar = "";
    if (total > 0) {
      long d = Math.max(0, Math.min(done, total));
      tail = String.format(Locale.US, " %3d%% %d/%d", d * 100 / total, d, total);
      int room = width - label.length() - tail.length() - note.length() - 4;
      if (room >= 5) {
        int cells = Math.min(room, 40);
        int full = (int) (cells * d / total);
        bar = " " + (unicode ? "█" : "#").repeat(full) + (unicode ? "░" : "-").repeat(cells - full);
      }
    } else {
      String spin = unicode ? "⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏" : "|/-\\";
      tail = " " + spin.charAt(Math.floorMod(frame, spin.length())) + " " + done;
    }
    String line = label + bar + tail + (note.isEmpty() ? "" : "  " + note);
    return line.length() > width && width > 0 ? line.substring(0, width) : line;
  }
}
