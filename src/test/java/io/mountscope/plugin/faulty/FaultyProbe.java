package io.mountscope.plugin.faulty;

import io.mountscope.plugin.api.PluginContext;
import io.mountscope.plugin.api.Probe;
import java.time.Duration;
import java.util.Map;

/**
 * A plugin probe that goes wrong as plugins do, for the isolation tests: installed as
 * "faulty-throw" it throws on every read, as "faulty-hang" its reads never return.
 */
public final class FaultyProbe implements Probe {
  private boolean hang;

  @Override
  public void init(PluginContext context) {
    hang = context.pluginName().endsWith("hang");
  }

  @Override
  public Duration budget() {
    return Duration.ofMillis(300);
  }

  @Override
  public Map<String, Object> read() throws Exception {
    if (hang) {
      Thread.sleep(Long.MAX_VALUE); // a read stuck on something that never answers
    }
    throw new IllegalStateException("faulty probe: the disk is on fire");
  }
}
