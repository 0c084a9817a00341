package io.mountscope.probe.perf;

import io.mountscope.kernel.perf.CpuRings;
import io.mountscope.kernel.perf.RecordDecoder;

/**
 * The part every ring-buffer collector shares: the per-CPU rings, the decoder that feeds this
 * collector's {@link #sample} handler, the pump thread that keeps the rings drained, the count of
 * records the kernel dropped, and an orderly close. Every method that touches the aggregates
 * holds the collector's monitor, so the pump and the tick reader never race.
 */
abstract class RingCollector implements RecordDecoder.Handler, AutoCloseable {
  private CpuRings rings;
  private RecordDecoder decoder;
  private RingPump pump;
  private boolean closed;
  private long lost;

  /**
   * How often the pump drains when no ring passed its watermark. Each tick's read drains too, and
   * under load the watermark wakes the pump, so a quiet node pays one wakeup a second, not dozens.
   */
  static final int PUMP_MILLIS = 1000;

  /** Takes ownership of {@code rings}; call once from the subclass constructor. */
  final void attach(CpuRings rings, long sampleType, String pumpName) {
    this.rings = rings;
    this.decoder = new RecordDecoder(sampleType, this);
    this.pump = new RingPump(pumpName, rings, PUMP_MILLIS, this::drain);
  }

  /** Enables the events and starts draining. */
  final void startPumping() {
    rings.enable();
    pump.start();
  }

  final CpuRings rings() {
    return rings;
  }

  final synchronized void drain() {
    if (!closed) {
      rings.drain(decoder);
      drained();
    }
  }

  /** Called after every drain, under the monitor: where a collector folds what arrived into its totals. */
  void drained() {}

  /** Stops the events (they record nothing more) and reads what they recorded. */
  final synchronized void disableAndDrain() {
    if (!closed) {
      rings.disable();
      rings.drain(decoder);
      drained();
    }
  }

  @Override
  public final void lost(long n) {
    lost += n;
  }

  /** Records the kernel dropped because a ring was full. */
  final synchronized long lostRecords() {
    return lost;
  }

  /** The thread that drains the rings, for the benchmark's CPU accounting. */
  public final Thread pumpThread() {
    return pump.thread();
  }

  @Override
  public void close() {
    if (pump != null) {
      pump.close();
    }
    synchronized (this) {
      if (!closed && rings != null) {
        rings.close();
      }
      closed = true;
    }
  }
}
