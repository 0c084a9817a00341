package io.mountscope.tui;

import io.mountscope.diagnose.Diagnosis;
import io.mountscope.model.Model;
import io.mountscope.model.Sample;
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
  private final Supplier<Sample> sampler;
  private final AutoCloseable probes;
  private final Duration interval;
  private final ArrayDeque<Model> pending = new ArrayDeque<>();
  private volatile Runnable wakeUp = () -> {};
  private volatile Model latest;
  private Thread thread;

  /** Samples from {@code sampler} every {@code interval}; {@code probes} is closed with the source (their threads, children). */
  public LiveSource(Supplier<Sample> sampler, AutoCloseable probes, Duration interval) {
    this.sampler = sampler;
    this.probes = probes;
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
    Sample previous = null;
    long next = System.nanoTime();
    while (!Thread.currentThread().isInterrupted()) {
      try {
        Sample s = sampler.get();
        Model m = Diagnosis.derive(s, previous);
        previous = s;
        offer(m);
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

  @Override
  public synchronized void close() {
    if (thread != null) {
      thread.interrupt();
      try {
        thread.join(2_000); // let a tick in progress finish before its probes are closed under it
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      thread = null;
    }
    try {
      probes.close();
    } catch (Exception e) {
      LoggerFactory.getLogger(LiveSource.class).warn("closing the probes failed", e);
    }
  }
}
