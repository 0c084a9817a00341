package io.mountscope.stress;

import io.mountscope.kernel.Errno;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Phaser;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.HdrHistogram.Histogram;

/**
 * Runs the storm's threads inside the worker: all set up, then all warm up until one deadline,
 * then all start measuring at one instant; reports progress meanwhile and assembles the result.
 * Its threads must be started from the thread that owns the mount namespace they should use.
 */
final class Storm {
  private static final int STRIDE = 16; // 128 bytes between threads' progress slots: no false sharing
  private static final long FAR = TimeUnit.DAYS.toNanos(365 * 100);

  private final StressParams params;
  private final List<StormThread> threads = new ArrayList<>();
  private final AtomicLongArray progress;
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private volatile boolean stop;
  private volatile boolean stopRequested;
  volatile long warmupEnd;
  volatile long measureStart;
  volatile long deadline;
  /** Phase 0: everyone set up; phase 1: everyone warmed up. The last to arrive sets the clocks. */
  final Phaser setupDone;
  final Phaser warmupDone;

  Storm(StressParams params, Layout layout) {
    this.params = params;
    this.progress = new AtomicLongArray(params.threads() * STRIDE);
    setupDone = new Phaser(params.threads()) {
      @Override
      protected boolean onAdvance(int phase, int parties) {
        warmupEnd = System.nanoTime() + (long) (params.warmupSeconds() * 1e9);
        return false;
      }
    };
    warmupDone = new Phaser(params.threads()) {
      @Override
      protected boolean onAdvance(int phase, int parties) {
        measureStart = System.nanoTime();
        deadline = measureStart + (params.durationSeconds() > 0 ? (long) (params.durationSeconds() * 1e9) : FAR);
        return false;
      }
    };
    for (int t = 0; t < params.threads(); t++) {
      threads.add(new StormThread(this, t, Patterns.plan(params, layout, t)));
    }
  }

  boolean stopped() {
    return stop;
  }

  /** Ends the storm early: threads finish the start they are in (which undoes its mounts) and stop. */
  void requestStop() {
    stopRequested = true;
    stop = true;
  }

  void fail(Throwable e) {
    failure.compareAndSet(null, e);
    stop = true;
    setupDone.forceTermination();
    warmupDone.forceTermination();
  }

  /** Waits up to {@code millis} for the threads to end (they end after the start they are in). */
  void awaitThreads(long millis) {
    long deadline = System.nanoTime() + millis * 1_000_000;
    try {
      for (StormThread t : threads) {
        long left = (deadline - System.nanoTime()) / 1_000_000;
        if (left > 0) {
          t.join(left);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  long quota(int thread) {
    return params.starts() > 0 ? params.startsOfThread(thread) : Long.MAX_VALUE;
  }

  void publish(int thread, long startsSoFar) {
    progress.lazySet(thread * STRIDE, startsSoFar);
  }

  /** Runs the storm to its end, calling {@code onProgress} every {@code intervalMillis}. */
  StressResult run(Consumer<StressProgress> onProgress, long intervalMillis) throws Exception {
    long begin = System.nanoTime();
    threads.forEach(Thread::start);
    long lastStarts = 0;
    long lastAt = begin;
    for (StormThread t : threads) {
      while (t.isAlive()) {
        t.join(intervalMillis);
        long now = System.nanoTime();
        long starts = publishedStarts();
        onProgress.accept(progressAt(now, begin, starts, (starts - lastStarts) / Math.max(1e-9, (now - lastAt) / 1e9)));
        lastStarts = starts;
        lastAt = now;
      }
    }
    Throwable e = failure.get();
    if (e instanceof Exception ex) {
      throw ex;
    }
    if (e != null) {
      throw new IllegalStateException(e);
    }
    return result();
  }

  private long publishedStarts() {
    long s = 0;
    for (int t = 0; t < threads.size(); t++) {
      s += progress.get(t * STRIDE);
    }
    return s;
  }

  private StressProgress progressAt(long now, long begin, long starts, double rate) {
    long measuring = measureStart;
    if (measuring != 0) {
      double elapsed = (now - measuring) / 1e9;
      double fraction = params.starts() > 0 ? (double) starts / params.starts() : elapsed / params.durationSeconds();
      return new StressProgress("storm", elapsed, starts, 0, rate, Math.min(1, fraction));
    }
    long warm = warmupEnd;
    if (warm != 0 && params.warmupSeconds() > 0) {
      double elapsed = params.warmupSeconds() - (warm - now) / 1e9;
      return new StressProgress("warmup", elapsed, 0, 0, 0, Math.min(1, elapsed / params.warmupSeconds()));
    }
    return new StressProgress("setup", (now - begin) / 1e9, 0, 0, 0, 0);
  }

  private StressResult result() {
    Histogram latency = new Histogram(3);
    long[] syscalls = new long[SyscallKind.values().length];
    long[] setup = new long[SyscallKind.values().length];
    Map<String, Long> errors = new TreeMap<>();
    Map<String, Map<String, Long>> bySyscall = new LinkedHashMap<>();
    long starts = 0;
    long failed = 0;
    long warm = 0;
    long end = measureStart;
    String firstError = null;
    for (StormThread t : threads) {
      latency.add(t.measured.latency);
      starts += t.measured.starts;
      failed += t.measured.failedStarts;
      warm += t.warmup.starts + t.warmup.failedStarts;
      end = Math.max(end, t.endNanos);
      for (SyscallKind k : SyscallKind.values()) {
        syscalls[k.ordinal()] += t.measured.syscalls[k.ordinal()];
        setup[k.ordinal()] += t.warmup.syscalls[k.ordinal()];
        for (int errno = 0; errno < ThreadStats.MAX_ERRNO; errno++) {
          long n = t.measured.errors[k.ordinal()][errno];
          if (n > 0) {
            errors.merge(Errno.name(errno), n, Long::sum);
            bySyscall.computeIfAbsent(k.syscall(), x -> new TreeMap<>()).merge(Errno.name(errno), n, Long::sum);
          }
        }
      }
      if (firstError == null && t.measured.failedStarts > 0) {
        firstError = t.program.describe(t.measured.firstErrorStep) + ": " + Errno.name(t.measured.firstErrno)
            + " (" + Errno.describe(t.measured.firstErrno) + ")";
      }
    }
    double seconds = measureStart == 0 ? 0 : (end - measureStart) / 1e9;
    SyscallCounts counted = SyscallCounts.of(syscalls);
    boolean cutShort = stopRequested && (params.starts() > 0 ? starts + failed < params.starts() : seconds < params.durationSeconds());
    return new StressResult(params.pattern(), params.layers(), params.threads(), params.namespace(), params.cpus(),
        starts, failed, warm, seconds, seconds > 0 ? starts / seconds : 0, Latency.of(latency), counted,
        seconds > 0 ? counted.total() / seconds : 0, SyscallCounts.of(setup), Collections.unmodifiableMap(errors),
        Collections.unmodifiableMap(bySyscall), firstError, cutShort, StressResult.encode(latency));
  }
}
