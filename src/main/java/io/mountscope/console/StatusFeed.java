package io.mountscope.console;

import io.mountscope.model.Model;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands the newest Model to the status line every couple of seconds while the console's prompt
 * waits. It samples nothing itself: the Models come from the session's one live source (the
 * dashboard's), so the console and the dashboard never read the probes twice.
 */
final class StatusFeed implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StatusFeed.class);
  private final Supplier<Model> latest;
  private final Consumer<Model> sink;
  private final long periodMillis;
  private boolean active;
  private boolean closed;

  StatusFeed(Supplier<Model> latest, Consumer<Model> sink, long periodMillis) {
    this.latest = latest;
    this.sink = sink;
    this.periodMillis = periodMillis;
    Thread thread = new Thread(this::loop, "console-status");
    thread.setDaemon(true);
    thread.start();
  }

  /** Start delivering (at once: the prompt shows the newest Model). */
  synchronized void resume() {
    active = true;
    notifyAll();
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
    Model shown = null;
    while (true) {
      try {
        synchronized (this) {
          while (!active && !closed) {
            wait();
          }
          if (closed) {
            return;
          }
        }
        Model m = latest.get();
        if (m != null && m != shown) {
          sink.accept(m);
          shown = m;
        }
        synchronized (this) {
          wait(periodMillis);
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        LOG.warn("status line update failed", e);
      }
    }
  }
}
