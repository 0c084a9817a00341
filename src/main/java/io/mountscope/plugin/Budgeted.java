package io.mountscope.plugin;

import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Plugin derivations and rules called with a time budget on threads of their own: a call that
 * overruns is given up for this Model, and while one is still running its plugin's next calls of
 * that kind are skipped, so a hung rule holds one thread and never a Model. Thread-safe: several
 * threads derive Models (the dashboard's feed, record, serve).
 */
final class Budgeted {
  static final long BUDGET_MILLIS = 250;
  private final ExecutorService pool;
  private final Map<String, Future<?>> running = new ConcurrentHashMap<>();

  Budgeted() {
    AtomicInteger n = new AtomicInteger();
    pool = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "plugin-call-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  /** A call that did not finish within its budget, or was skipped because the last one has not. */
  static final class Overran extends Exception {
    private static final long serialVersionUID = 1L;

    Overran(String message) {
      super(message);
    }
  }

  /** Runs {@code call} for {@code key} (plugin and kind); throws what it threw, or {@link Overran}. */
  <T> T call(String key, Callable<T> call) throws Throwable {
    Future<?> last = running.get(key);
    if (last != null && !last.isDone()) {
      throw new Overran(key + " is still running from an earlier call");
    }
    Future<T> f = pool.submit(call);
    running.put(key, f);
    try {
      return f.get(BUDGET_MILLIS, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new Overran(key + " overran its " + BUDGET_MILLIS + " ms budget");
    } catch (ExecutionException e) {
      throw e.getCause();
    }
  }
}
