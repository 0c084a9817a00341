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
 * Plugin code called with a time budget on threads of its own: a call that overruns is given up,
 * and while one is still running the next calls with its key are skipped, so plugin code that
 * never returns holds one thread and never its caller (a Model's derivation, a dashboard frame).
 * Thread-safe: several threads derive Models (the dashboard's feed, record, serve).
 */
public final class Budgeted {
  private final long budgetMillis;
  private final ExecutorService pool;
  private final Map<String, Future<?>> running = new ConcurrentHashMap<>();
  private final Map<String, Long> startedNanos = new ConcurrentHashMap<>();

  /** Calls on daemon threads named {@code threadName}-N, each given {@code budgetMillis}. */
  public Budgeted(String threadName, long budgetMillis) {
    this.budgetMillis = budgetMillis;
    AtomicInteger n = new AtomicInteger();
    pool = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, threadName + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  public long budgetMillis() {
    return budgetMillis;
  }

  /** A call that did not finish within its budget ({@code busySeconds} -1), or skipped because the last one has not. */
  public static final class Overran extends Exception {
    private static final long serialVersionUID = 1L;
    private final long busySeconds;

    Overran(String message, long busySeconds) {
      super(message);
      this.busySeconds = busySeconds;
    }

    /** How long the earlier call has been running when this one was skipped; -1 when this call overran. */
    public long busySeconds() {
      return busySeconds;
    }
  }

  /** Runs {@code call} under {@code key}; throws what it threw, or {@link Overran}. */
  public <T> T call(String key, Callable<T> call) throws Throwable {
    Future<?> last = running.get(key);
    long now = System.nanoTime();
    if (last != null && !last.isDone()) {
      long busy = (now - startedNanos.getOrDefault(key, now)) / 1_000_000_000;
      throw new Overran(key + " is still running from an earlier call (" + busy + " s)", busy);
    }
    Future<T> f = pool.submit(call);
    running.put(key, f);
    startedNanos.put(key, now);
    try {
      return f.get(budgetMillis, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new Overran(key + " overran its " + budgetMillis + " ms budget", -1);
    } catch (ExecutionException e) {
      throw e.getCause();
    }
  }
}
