package io.mountscope.probe.perf;

import io.mountscope.kernel.perf.CpuRings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A daemon thread that empties a collector's rings whenever one passes its wakeup watermark, and
 * at least every {@code intervalMillis}, so the kernel rarely has to drop records between ticks.
 */
final class RingPump implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RingPump.class);
  private final Thread thread;
  private final CpuRings rings;
  private volatile boolean stop;

  RingPump(String name, CpuRings rings, int intervalMillis, Runnable drain) {
    this.rings = rings;
    thread = new Thread(() -> {
      while (!stop) {
        rings.await(intervalMillis);
        if (stop) {
          break;
        }
        try {
          drain.run();
        } catch (RuntimeException e) {
          LOG.error("{}: draining ring buffers failed; the collector stops reading", name, e);
          return;
        }
      }
    }, name);
    thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  /** The pump's thread, for measuring its CPU time. */
  Thread thread() {
    return thread;
  }

  @Override
  public void close() {
    stop = true;
    rings.wake(); // the pump may sleep in poll(2) for up to a second: Ctrl-C should not wait for it
    try {
      thread.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
