package io.mountscope.probe;

import io.mountscope.model.ProbeStatus;
import io.mountscope.util.UnavailableException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sampler's bookkeeping for one probe: whether a read is due or still running, the last value
 * and when it was read, and the status to report. At most one read per probe is in flight: a probe
 * stuck in the kernel holds one thread, never more. Used by the sampler's thread only.
 */
final class ProbeSlot<T> {
  private static final Logger LOG = LoggerFactory.getLogger(ProbeSlot.class);
  /** After an unavailable read, retry no sooner than this. */
  static final long UNAVAILABLE_RETRY_NANOS = 10_000_000_000L;

  final ProbeSpec<T> spec;
  private Future<T> running;
  private long startedNanos;
  private java.time.Duration currentBudget;
  private volatile long tookNanos;
  private T value;
  private long valueNanos;
  private long nextDueNanos;
  private boolean started;
  private ProbeStatus status;

  ProbeSlot(ProbeSpec<T> spec) {
    this.spec = spec;
  }

  /**
   * Starts a read on {@code pool} when one is due and none is running. A read that overran an
   * earlier tick and has finished since is taken in first, so this tick gets a fresh one.
   */
  void startIfDue(long now, ExecutorService pool) {
    if (running != null && running.isDone()) {
      harvest(now);
    }
    if (running != null || now < nextDueNanos) {
      return;
    }
    currentBudget = started ? spec.budget() : spec.firstBudget();
    started = true;
    startedNanos = now;
    nextDueNanos = now + spec.interval().toNanos();
    running = pool.submit(() -> {
      Thread.currentThread().setName("probe-" + spec.name());
      long start = System.nanoTime();
      try {
        return spec.probe().read();
      } finally {
        tookNanos = System.nanoTime() - start;
      }
    });
  }

  /**
   * Waits for a running read until its budget (counted from its start) is spent, and a probe's
   * very first read at most until {@code firstReadDeadline} (System.nanoTime()).
   */
  void awaitBudget(long firstReadDeadline) throws InterruptedException {
    if (running == null) {
      return;
    }
    long deadline = startedNanos + currentBudget.toNanos();
    if (neverRead()) {
      deadline = Math.min(deadline, firstReadDeadline);
    }
    long remaining = deadline - System.nanoTime();
    try {
      running.get(Math.max(0, remaining), TimeUnit.NANOSECONDS);
    } catch (TimeoutException | ExecutionException late) {
      // collect() reports both
    }
  }

  /** Takes a finished read in and returns the status for this tick. */
  ProbeStatus collect(long now) {
    if (running != null && running.isDone()) {
      harvest(now);
    } else if (running != null && neverRead() && now - startedNanos < currentBudget.toNanos()) {
      return new ProbeStatus(ProbeStatus.STARTING, "first read in progress for " + (now - startedNanos) / 1_000_000
          + " ms (its budget is " + currentBudget.toMillis() + " ms)", (now - startedNanos) / 1_000_000, 0);
    } else if (running != null) {
      long age = value == null ? 0 : (now - valueNanos) / 1_000_000;
      return new ProbeStatus(ProbeStatus.STALE, "overran its budget of " + currentBudget.toMillis()
          + " ms (still reading after " + (now - startedNanos) / 1_000_000 + " ms)"
          + (value == null ? "; nothing read yet" : "; showing data " + age + " ms old"),
          (now - startedNanos) / 1_000_000, age);
    }
    if (status == null) {
      return new ProbeStatus(ProbeStatus.OFF, "not read yet", 0, 0);
    }
    if (status.state().equals(ProbeStatus.OK)) {
      return new ProbeStatus(ProbeStatus.OK, null, status.tookMillis(), (now - valueNanos) / 1_000_000);
    }
    return status;
  }

  /** Whether this probe's first read is slow by its spec (a larger budget than its later reads). */
  boolean slowStart() {
    return spec.firstBudget().compareTo(spec.budget()) > 0;
  }

  /** No read of this probe has finished yet. */
  private boolean neverRead() {
    return value == null && status == null;
  }

  /** Takes the value (or failure) of the finished read in. */
  private void harvest(long now) {
    Future<T> done = running;
    running = null;
    try {
      value = done.get();
      valueNanos = now;
      status = ProbeStatus.ok(tookNanos / 1_000_000);
    } catch (ExecutionException e) {
      fail(e.getCause(), now);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * An unavailable part is null with the reason; a probe that failed otherwise (a bug, a plugin
   * that throws) keeps its last value, marked stale with the error, and the log has the trace.
   */
  private void fail(Throwable cause, long now) {
    nextDueNanos = now + Math.max(spec.interval().toNanos(), UNAVAILABLE_RETRY_NANOS);
    if (cause instanceof UnavailableException u) {
      value = null;
      status = new ProbeStatus(ProbeStatus.UNAVAILABLE, u.oneLine(), tookNanos / 1_000_000, 0);
      return;
    }
    LOG.warn("probe {} failed", spec.name(), cause);
    String error = cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    status = new ProbeStatus(ProbeStatus.STALE, "failed: " + error.replaceAll("\\s+", " ")
        + (value == null ? "; nothing read yet" : "; showing its last data") + " (stack trace in the log)",
        tookNanos / 1_000_000, 0);
  }

  /** The last value read (null when none, or after a failure). */
  T value() {
    return value;
  }

  void close() {
    if (running != null) {
      running.cancel(true);
    }
    try {
      spec.probe().close();
    } catch (Exception e) {
      LOG.warn("closing probe {} failed", spec.name(), e);
    }
  }
}
