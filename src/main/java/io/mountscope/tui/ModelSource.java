package io.mountscope.tui;

import io.mountscope.model.Model;
import java.time.Duration;
import java.util.List;

/**
 * Where the dashboard's Models come from: the live node ({@link LiveSource}) or a recording
 * ({@link ReplaySource}). The dashboard only renders what this hands it; it never reads the kernel.
 */
public interface ModelSource extends AutoCloseable {
  /** Starts producing (idempotent). {@code wakeUp} may be called from any thread when poll has news. */
  void start(Runnable wakeUp);

  /** What arrived since the last call, oldest first; never blocks. {@code nowNanos} is the loop's System.nanoTime(). */
  Update poll(long nowNanos);

  /** Nanoseconds until {@link #poll} may have news without a wake-up; Long.MAX_VALUE when only wake-ups. */
  long nanosUntilNext(long nowNanos);

  /** False for recordings: the dashboard then says so in a banner. */
  boolean live();

  /** One line for the header: "every 1s" or "replay of FILE, 2x, 12:03:04 (45/600)". */
  String label();

  /** The time between two Models when all is well; later than about three of these is stale. */
  Duration interval();

  /** Pause, step, seek and speed for recordings; null for the live node. */
  Playback playback();

  @Override
  default void close() {}

  /** New Models, oldest first; {@code reset} when they replace what was shown before (a seek back). */
  record Update(boolean reset, List<Model> models) {
    public static final Update NONE = new Update(false, List.of());

    public boolean isEmpty() {
      return !reset && models.isEmpty();
    }
  }
}
