package io.mountscope.console;

import io.mountscope.model.Model;
import io.mountscope.model.Sample;
import io.mountscope.probe.Sampler;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Samples the node in the background while the console's prompt waits, and hands each Model to
 * the status line. Paused while a command or the dashboard runs, so the console adds no load of
 * its own to what they measure; rates restart from a fresh pair of samples after a pause.
 */
final class StatusFeed implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StatusFeed.class);
  private static final long FIRST_PAIR_MILLIS = 1000;
  private final Consumer<Model> sink;
  private final long periodMillis;
  private final Thread thread;
  private boolean active;
  private boolean closed;
  private long generation;

  StatusFeed(Consumer<Model> sink, long periodMillis) {
    this.sink = sink;
    this.periodMillis = periodMillis;
    this.thread = new Thread(this::loop, "console-status");
    thread.setDaemon(true);
    thread.start();
  }

  synchronized void resume() {
    if (!active) {
      active = true;
      generation++;
      notifyAll();
    }
  }

  synchronized void pause() {
    active = false;
  }

  @Override
  public synchronized void close() {
    closed = true;
    notifyAll();
  }

  private void loop() {
    Sampler sampler = new Sampler();
    Sample previous = null;
    long seen = -1;
    while (true) {
      try {
        synchronized (this) {
          while (!active && !closed) {
            wait();
          }
          if (closed) {
            return;
          }
          if (generation != seen) {
            previous = null; // a pause breaks the pair that rates are computed from
            seen = generation;
          }
        }
        Sample now = sampler.sample();
        boolean pair = previous != null; // rates need two samples: the first only primes
        Model model = Model.derive(now, previous);
        previous = now;
        boolean deliver;
        synchronized (this) {
          deliver = pair && active && generation == seen;
        }
        if (deliver) {
          sink.accept(model);
        }
        synchronized (this) {
          wait(pair ? periodMillis : FIRST_PAIR_MILLIS);
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        LOG.warn("status line sample failed", e);
      }
    }
  }
}
