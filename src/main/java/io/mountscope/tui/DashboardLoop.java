package io.mountscope.tui;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import com.googlecode.lanterna.terminal.Terminal;
import com.googlecode.lanterna.terminal.TerminalResizeListener;
import io.mountscope.model.Model;
import io.mountscope.tui.panel.Glyphs;
import io.mountscope.tui.panel.History;
import io.mountscope.tui.panel.Panel;
import io.mountscope.tui.panel.PanelId;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The dashboard's event loop on one thread: it sleeps until a key, a resize, a new Model or a
 * timer (a replay's next sample, a stale feed, a message to clear) and then repaints the back
 * buffer; the CellScreen sends only the cells that changed. Nothing is drawn while nothing happens.
 */
final class DashboardLoop {
  private static final Object WAKE = new Object();
  private static final Object RESIZE = new Object();
  private final ModelSource source;
  private final DashboardOptions options;
  private final History history;
  private final ViewState state;
  private Frame frame;
  /** Whether the layout has room for the Plugins panel (a plugin adds a panel). */
  private boolean plugins;
  private KeyHandler keys;
  private List<Panel> panels;
  /** Run once, after the first frame that shows a Model (the live dashboard loads its plugins then). */
  private Runnable afterFirstFrame = () -> {};
  private boolean firstFrameDrawn;
  private final Glyphs glyphs;
  private final BlockingQueue<Object> events = new LinkedBlockingQueue<>();
  /** Models that arrived while the live view was paused (at most the last 60 s). */
  private final ArrayDeque<Model> backlog = new ArrayDeque<>();
  private long lastModelNanos;
  private Layout layout;
  /** How long a live dashboard waits for its first Model before it draws the panels empty. */
  static final long FIRST_MODEL_GRACE_NANOS = 600_000_000L;

  /** Starts the staleness clock; the first model is expected from now on. */
  void started(long now) {
    lastModelNanos = now;
  }

  DashboardLoop(ModelSource source, DashboardOptions options, History history, ViewState state, List<Panel> panels,
      Glyphs glyphs) {
    this.source = source;
    this.options = options;
    this.history = history;
    this.state = state;
    this.glyphs = glyphs;
    usePanels(panels);
  }

  private void usePanels(List<Panel> panels) {
    this.panels = panels;
    this.frame = new Frame(panels);
    this.plugins = panels.stream().anyMatch(p -> p.id() == PanelId.PLUGINS);
    this.keys = new KeyHandler(panels, options, source.playback(), () -> events.offer(WAKE));
  }

  /** The panels this loop draws. */
  List<Panel> panels() {
    return panels;
  }

  /** A new set of panels (the Plugins panel joins once the plugins are loaded): taken in on the loop's thread. */
  void replacePanels(List<Panel> newPanels) {
    events.offer(new PanelsChange(List.copyOf(newPanels)));
  }

  private record PanelsChange(List<Panel> panels) {}

  /** {@code hook} runs once on the loop's thread, right after the first frame that shows a Model. */
  void afterFirstFrame(Runnable hook) {
    this.afterFirstFrame = hook;
  }

  ExitReason run(CellScreen screen, Terminal terminal) throws IOException {
    TerminalResizeListener onResize = (t, size) -> events.offer(RESIZE);
    terminal.addResizeListener(onResize);
    Thread reader = new Thread(() -> readKeys(terminal), "dashboard-keys");
    reader.setDaemon(true);
    reader.start();
    source.start(() -> events.offer(WAKE));
    lastModelNanos = System.nanoTime();
    state.fullRedraw = true;
    // A live feed's first Model comes within a few hundred ms: until then (or the grace ends), the
    // main thread leaves the CPU to the probes rather than draw a frame of empty panels first.
    long graceEnd = source.live() ? System.nanoTime() + FIRST_MODEL_GRACE_NANOS : 0;
    try {
      boolean dirty = true;
      while (true) {
        long now = System.nanoTime();
        dirty |= update(source.poll(now), now);
        boolean holdBack = history.latest() == null && now < graceEnd;
        if (dirty && !holdBack) {
          paint(screen, now);
          if (!firstFrameDrawn && history.latest() != null) {
            firstFrameDrawn = true;
            afterFirstFrame.run();
          }
        }
        long wait = holdBack ? Math.max(1_000_000L, graceEnd - now) : waitNanos(now);
        Object e = events.poll(wait, TimeUnit.NANOSECONDS);
        dirty = true; // woken by an event or by a timer: either way the frame may differ
        while (e != null) {
          if (e instanceof KeyStroke k) {
            ExitReason r = key(k, System.nanoTime());
            if (r != null) {
              return r;
            }
          } else if (e instanceof IOException io) {
            throw io;
          } else if (e == RESIZE) {
            state.fullRedraw = true;
          } else if (e instanceof PanelsChange c) {
            usePanels(c.panels());
            state.fullRedraw = true;
          }
          e = events.poll();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return ExitReason.INTERRUPTED;
    } finally {
      terminal.removeResizeListener(onResize);
      reader.interrupt();
    }
  }

  /** A key: changes the view, or says why the dashboard ends. */
  ExitReason key(KeyStroke k, long now) {
    if (layout == null) {
      layout = Layout.of(80, 24, null, plugins);
    }
    return keys.handle(k, state, layout, now);
  }

  private void readKeys(Terminal terminal) {
    try {
      while (!Thread.currentThread().isInterrupted()) {
        KeyStroke k = terminal.readInput();
        if (Thread.currentThread().isInterrupted()) {
          return;
        }
        events.offer(k);
        if (k.getKeyType() == KeyType.EOF) {
          return;
        }
      }
    } catch (IOException e) {
      events.offer(e);
    } catch (RuntimeException interrupted) {
      // a virtual terminal's reader interrupted at the end of a run
    }
  }

  /** Applies an update to the history (or the pause backlog); true when something new arrived. */
  boolean update(ModelSource.Update u, long now) {
    if (u.isEmpty()) {
      return false;
    }
    lastModelNanos = now;
    if (u.reset()) {
      history.clear();
      backlog.clear();
    }
    for (Model m : u.models()) {
      if (state.paused && source.live()) {
        backlog.addLast(m);
        while (History.timeOf(backlog.peekFirst()) < History.timeOf(m) - History.WINDOW_MILLIS) {
          backlog.removeFirst();
        }
      } else {
        history.add(m);
      }
    }
    return true;
  }

  private long waitNanos(long now) {
    long next = source.nanosUntilNext(now);
    long until = state.messageExpiry(now);
    if (until != Long.MAX_VALUE) {
      next = Math.min(next, until - now);
    }
    if (source.live()) {
      long staleAt = lastModelNanos + staleAfterNanos();
      // Before the feed is late: wake when it would become stale; after: every second to count up.
      next = Math.min(next, now < staleAt ? staleAt - now : 1_000_000_000L);
    }
    return Math.max(1_000_000L, next);
  }

  private long staleAfterNanos() {
    return Math.max(3_000_000_000L, 3 * source.interval().toNanos());
  }

  /** Paints the whole frame into the back buffer and lets Lanterna send what changed. */
  void paint(CellScreen screen, long now) throws IOException {
    if (!state.paused && !backlog.isEmpty()) {
      backlog.forEach(history::add);
      backlog.clear();
    }
    if (screen.resizeIfNeeded() || state.fullRedraw) {
      screen.invalidate();
    }
    layout = Layout.of(screen.cols(), screen.rows(), state.zoomed ? state.focus : null, plugins);
    long age = (now - lastModelNanos) / 1_000_000;
    boolean paused = source.playback() != null ? source.playback().paused() : state.paused;
    Frame.Input in = new Frame.Input(history.latest(), history, source.label(), source.live(), paused, age,
        source.live() && now - lastModelNanos > staleAfterNanos(), options, state.message(now));
    frame.paint(new Canvas(screen, glyphs), layout, state, in);
    screen.flush();
    state.fullRedraw = false;
  }
}
