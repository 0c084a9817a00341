package io.mountscope.console;

import java.util.ArrayList;
import java.util.List;
import org.jline.terminal.Terminal;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStyle;
import org.jline.utils.InfoCmp.Capability;
import org.jline.utils.Status;

/**
 * The bottom of the console's screen, drawn with JLine's Status (a scroll region keeps it in
 * place): two lines of inline help for the command being typed, then the live line. Owned by the
 * reader thread: the status feed only offers a new live line, which the reader's widget applies.
 */
final class StatusBar {
  static final int HELP_LINES = 2;
  /** Below this many rows only the live line is kept, so the prompt has room. */
  static final int MIN_ROWS_FOR_HELP = 12;
  static final String IDLE_HINT = "Tab completes · Ctrl-R searches history · F2 or 'dash': dashboard · 'explain TOPIC' · Ctrl-D quits";
  private static final AttributedStyle HELP = AttributedStyle.DEFAULT.faint();

  private final Terminal terminal;
  private final Status status;
  private final boolean unicode;
  private List<AttributedString> help = List.of();
  private AttributedString live;
  private volatile AttributedString offered;
  private boolean shown;

  StatusBar(Terminal terminal, boolean unicode) {
    this.terminal = terminal;
    this.status = scrollRegions(terminal) ? Status.getStatus(terminal) : null;
    this.unicode = unicode;
    this.live = StatusLine.message("sampling the node...");
  }

  /** What JLine's Status needs from terminfo; without it the bar is left out. */
  private static boolean scrollRegions(Terminal t) {
    int rows = t.getHeight();
    return t.getStringCapability(Capability.change_scroll_region) != null
        && t.getStringCapability(Capability.save_cursor) != null
        && t.getStringCapability(Capability.restore_cursor) != null
        && t.getStringCapability(Capability.cursor_address) != null
        && rows > 2 && rows < 1000 && t.getWidth() > 0;
  }

  /** False on terminals without scroll regions (dumb, some serial consoles): no bar at all. */
  boolean supported() {
    return status != null;
  }

  boolean unicode() {
    return unicode;
  }

  /** Inline help from the tail-tip widgets; blank lines mean nothing is being typed. */
  synchronized void help(List<AttributedString> lines) {
    help = List.copyOf(lines);
    draw();
  }

  /** A new live line from the feed thread; applied by {@link #applyOffered()} on the reader thread. */
  void offer(AttributedString line) {
    offered = line;
  }

  synchronized void applyOffered() {
    AttributedString o = offered;
    if (o != null) {
      offered = null;
      live = o;
      draw();
    }
  }

  /** The live line shown now. */
  synchronized AttributedString live() {
    return live;
  }

  /** Replaces the live line now (from the thread that owns the terminal at this moment). */
  synchronized void live(AttributedString line) {
    offered = null;
    live = line;
    draw();
  }

  synchronized void show() {
    shown = true;
    if (status != null) {
      status.resize(terminal.getSize());
    }
    draw();
  }

  /** Removes the bar and gives the whole screen back (before the dashboard, before exit). */
  synchronized void hide() {
    shown = false;
    if (status != null) {
      status.hide();
      terminal.flush();
    }
  }

  /** After the screen was cleared: forget what was drawn, then draw again. */
  synchronized void reset() {
    if (status != null) {
      status.reset();
    }
    draw();
  }

  private void draw() {
    if (shown && status != null) {
      status.update(lines(terminal.getHeight(), terminal.getWidth()));
    }
  }

  /** The bar's lines for a screen of this size. */
  List<AttributedString> lines(int rows, int columns) {
    List<AttributedString> out = new ArrayList<>();
    if (rows >= MIN_ROWS_FOR_HELP) {
      boolean blank = help.stream().allMatch(l -> l.length() == 0 || l.toString().isBlank());
      for (int i = 0; i < HELP_LINES; i++) {
        if (blank) {
          out.add(i == HELP_LINES - 1 ? new AttributedString(unicode ? IDLE_HINT : IDLE_HINT.replace('·', '|'), HELP) : AttributedString.EMPTY);
        } else {
          out.add(i < help.size() ? help.get(i) : AttributedString.EMPTY);
        }
      }
    }
    out.add(StatusLine.fit(live, columns));
    return out;
  }
}
