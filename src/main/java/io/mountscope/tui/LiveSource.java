package io.mountscope.tui;

import io.mountscope.diagnose.Diagnosis;
import io.mountscope.model.Model;
import io.mountscope.model.Sample;
import io.mountscope.plugin.PluginHost;
import io.mountscope.tui.panel.History;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.slf4j.LoggerFactory;

/**
 * The live node: a thread of its own takes one Sample per interval from the probes and derives
 * its Model, so a slow probe never blocks the screen. It keeps running while the console has the
 * terminal, holding at most the last 60 s, so the dashboard comes back with its sparklines full.
 */
public final class LiveSource implements ModelSource {
  private final Supplier<? extends Probes> open;
  private final Duration interval;
  private final ArrayDeque<Model> pending = new ArrayDeque<>();
  private volatile Runnable wakeUp = () -> {};
  private volatile Model latest;
  private Thread thread;

  /** What the source reads: one Sample per call; closing stops the probes' threads and children. */
  public interface Probes extends AutoCloseable {
    Sample sample();

    /** Called once, right after the first Model is handed on: the moment to start what the first one did without. */
    default void afterFirst() {}

    @Override
    void close();
  }

  /**
   * Samples every {@code interval} from the probes {@code open} makes. They are opened on the
   * source's own thread, so the screen comes up while they start, and closed there when it stops.
   */
  public LiveSource(Supplier<? extends Probes> open, Duration interval) {
    this.open = open;
    this.interval = interval;
  }

  @Override
  public synchronized void start(Runnable wakeUp) {
    this.wakeUp = wakeUp;
    if (thread == null) {
      thread = new Thread(this::run, "probe-ticks");
      thread.setDaemon(true);
      thread.start();
    }
  }

  private void run() {
    try (Probes probes = open.get()) {
      tick(probes);
    } catch (RuntimeException e) {
      LoggerFactory.getLogger(LiveSource.class).error("the probes could not start; the feed stays empty", e);
    }
  }

  private void tick(Probes probes) {
    Sample previous = null;
    long next = System.nanoTime();
    boolean first = true;
    while (!Thread.currentThread().isInterrupted()) {
      try {
        Sample s = probes.sample();
        // With the plugins loaded so far: the dashboard loads them after its first frame.
        Model m = Diagnosis.derive(s, previous, PluginHost.loaded().orElse(PluginHost.none()));
        previous = s;
        offer(m);
        if (first) {
          first = false;
          probes.afterFirst();
        }
      } catch (RuntimeException e) {
        // Looked up here: logging starts only when something is logged (start-up time).
        LoggerFactory.getLogger(LiveSource.class).warn("sampling failed; the dashboard shows the feed as stale", e);
      }
      next += interval.toNanos();
      long now = System.nanoTime();
      if (next < now) {
        next = now; // a slow tick: start the next one now rather than bursting to catch up
      }
      LockSupport.parkNanos(next - now);
    }
  }

  private void offer(Model m) {
    synchronized (pending) {
      pending.addLast(m);
      long newest = History.timeOf(m);
      while (History.timeOf(pending.peekFirst()) < newest - History.WINDOW_MILLIS) {
        pending.removeFirst();
      }
    }
    latest = m;
    wakeUp.run();
  }

  @Override
  public Update poll(long nowNanos) {
    synchronized (pending) {
      if (pending.isEmpty()) {
        return Update.NONE;
      }
      List<Model> out = new ArrayList<>(pending);
      pending.clear();
      return new Update(false, out);
    }
  }

  @Override
  public long nanosUntilNext(long nowNanos) {
    return Long.MAX_VALUE;
  }

  /** The newest Model, for views outside the dashboard (the console's status line); null at first. */
  public Model latest() {
    return latest;
  }

  @Override
  public boolean live() {
    return true;
  }

  @Override
  public String label() {
    return "every " + io.mountscope.tui.panel.Units.age(interval.toMillis()).replace(".0s", "s");
  }

  @Override
  public Duration interval() {
    return interval;
  }

  @Override
  public Playback playback() {
    return null;
  }

  /** Stops sampling; the probes are closed by the sampling thread when it ends. */
  @Override
  public synchronized void close() {
    if (thread != null) {
      thread.interrupt();
      try {
        thread.join(2_000); // it closes its probes on the way out
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      thread = null;
    }
  }
}
