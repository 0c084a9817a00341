package io.mountscope.tui.panel;

import io.mountscope.plugin.api.Panel;
import io.mountscope.plugin.api.PanelInput;
import io.mountscope.plugin.api.PanelLine;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Plugin panels called with a time budget on threads of their own: a panel that overruns is
 * skipped for the frame, one that never returns holds one thread and is shown as busy, and the
 * dashboard keeps drawing. Used by the dashboard's thread only.
 */
final class PluginPanelCalls {
  static final long BUDGET_MILLIS = 200;
  private final ExecutorService pool;
  private final Map<Integer, Future<List<PanelLine>>> running = new HashMap<>();
  private final Map<Integer, Long> startedNanos = new HashMap<>();

  PluginPanelCalls() {
    AtomicInteger n = new AtomicInteger();
    pool = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "plugin-panel-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  /** A panel that did not answer within its budget, and for how long it has not. */
  static final class Overran extends Exception {
    private static final long serialVersionUID = 1L;

    Overran(String message) {
      super(message);
    }
  }

  /** The lines of panel {@code index}; throws what the panel threw, or {@link Overran}. */
  List<PanelLine> render(int index, Panel panel, PanelInput input) throws Throwable {
    Future<List<PanelLine>> f = running.get(index);
    long now = System.nanoTime();
    if (f != null && !f.isDone()) {
      throw new Overran("panel busy: no answer for " + (now - startedNanos.get(index)) / 1_000_000_000
          + " s (it may be hung; the dashboard goes on without it)");
    }
    f = pool.submit(() -> panel.render(input));
    running.put(index, f);
    startedNanos.put(index, now);
    try {
      return f.get(BUDGET_MILLIS, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new Overran("panel overran its " + BUDGET_MILLIS + " ms budget");
    } catch (ExecutionException e) {
      throw e.getCause();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return List.of();
    }
  }
}
