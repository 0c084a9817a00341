package io.mountscope.probe;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs a task once per interval at a fixed rate on the calling thread, until a number of ticks or
 * {@link #stop()}. The rate is kept from the end of the first tick (which starts the probes). A
 * slow tick starts the next one at once instead of bursting to catch up: a probe that fell behind
 * should not sample twice in a row.
 */
public final class Ticker {
  private final Duration interval;
  private volatile boolean stopped;
  private volatile Thread runner;

  /** What runs each tick; {@code n} counts from 0. */
  public interface Tick {
    void run(long n) throws Exception;
  }

  public Ticker(Duration interval) {
    this.interval = interval;
  }

  /** Ticks until {@code maxTicks} have run (0: no limit) or {@link #stop()}; returns how many ran. */
  public long run(long maxTicks, Tick tick) throws Exception {
    runner = Thread.currentThread();
    long n = 0;
    long next = 0;
    while (!stopped && (maxTicks <= 0 || n < maxTicks)) {
      tick.run(n++);
      if (maxTicks > 0 && n >= maxTicks) {
        break;
      }
      // The first tick starts the probes and takes longer; the schedule starts when it is done.
      next = n == 1 ? System.nanoTime() + interval.toNanos() : next + interval.toNanos();
      long now = System.nanoTime();
      if (next < now) {
        next = now;
      }
      while (!stopped && (now = System.nanoTime()) < next) {
        LockSupport.parkNanos(this, next - now);
      }
    }
    return n;
  }

  /** Ends {@link #run} after the tick in progress (from any thread: a shutdown hook, a test). */
  public void stop() {
    stopped = true;
    Thread t = runner;
    if (t != null) {
      LockSupport.unpark(t);
    }
  }

  public boolean stopped() {
    return stopped;
  }
}
