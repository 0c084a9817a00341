package io.mountscope.plugin.api;

import java.time.Duration;
import java.util.Map;

/**
 * Adds a part to every Sample: {@link #read} returns a JSON tree (maps, lists, strings, numbers,
 * booleans) stored raw under the plugin's name in {@code Sample.plugins}; {@link #derive} turns
 * two raw parts into what {@code Model.plugins} shows (rates, say). A read runs on the probe
 * scheduler with {@link #budget()}: one that overruns is shown stale, one that throws is shown
 * unavailable with its message (throw {@link Unavailable} for a reason meant for the user).
 */
public interface Probe extends AutoCloseable {
  /** Called once, before the first read. */
  default void init(PluginContext context) throws Exception {}

  /** How often to read; zero means every tick. */
  default Duration interval() {
    return Duration.ZERO;
  }

  /** How long a read may take before its part is marked stale. */
  default Duration budget() {
    return Duration.ofMillis(500);
  }

  /** One raw reading: counters as read, not rates. */
  Map<String, Object> read() throws Exception;

  /**
   * The part views show, from this reading and the one before ({@code previous} null on the
   * first); {@code seconds} between them. The default shows the raw reading.
   */
  default Map<String, Object> derive(Map<String, Object> now, Map<String, Object> previous, double seconds) {
    return now;
  }

  /** Releases what the probe holds (connections, files); called once when sampling ends. */
  @Override
  default void close() {}
}
