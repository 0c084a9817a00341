package io.mountscope.probe;

/**
 * One source the {@link Sampler} polls: reads its part of a Sample. A read may block (the sampler
 * gives it a time budget and runs it on its own thread); it throws
 * {@link io.mountscope.util.UnavailableException} when the node cannot give this part at all.
 * Probes that hold kernel resources (perf events, sockets) release them in {@link #close()}.
 */
@FunctionalInterface
public interface Probe<T> extends AutoCloseable {
  T read() throws Exception;

  @Override
  default void close() throws Exception {}
}
