package io.mountscope.probe;

import io.mountscope.util.UnavailableException;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A kernel collector (perf events, ring buffers, threads) as the scheduler runs it: started on
 * its first read, read every tick, closed with the sampler. One that cannot start (no privilege,
 * no tracefs, no tracepoint) is not started again: every later read repeats why.
 */
final class KernelProbe<C extends AutoCloseable, T> implements Probe<T> {
  private final Supplier<C> starter;
  private final Function<C, T> reader;
  private C collector;
  private UnavailableException failure;

  KernelProbe(Supplier<C> starter, Function<C, T> reader) {
    this.starter = starter;
    this.reader = reader;
  }

  @Override
  public synchronized T read() {
    if (failure != null) {
      throw failure;
    }
    if (collector == null) {
      try {
        collector = starter.get();
      } catch (UnavailableException e) {
        failure = e;
        throw e;
      }
    }
    return reader.apply(collector);
  }

  @Override
  public synchronized void close() throws Exception {
    if (collector != null) {
      collector.close();
      collector = null;
    }
  }
}
