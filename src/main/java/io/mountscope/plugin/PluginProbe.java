package io.mountscope.plugin;

import com.fasterxml.jackson.databind.JsonNode;
import io.mountscope.plugin.api.Unavailable;
import io.mountscope.probe.Probe;
import io.mountscope.util.Json;
import io.mountscope.util.UnavailableException;

/**
 * A plugin's probe under the probe scheduler: initialised on its first read (within the first
 * budget), its reading turned into a JSON tree. What it throws goes to the scheduler, which
 * marks the part stale (or unavailable, for {@link Unavailable}) and logs the trace.
 */
final class PluginProbe implements Probe<JsonNode> {
  private final Plugin plugin;
  private boolean initialised;

  PluginProbe(Plugin plugin) {
    this.plugin = plugin;
  }

  @Override
  public JsonNode read() throws Exception {
    try {
      if (!initialised) {
        plugin.probe().init(plugin.context());
        initialised = true;
      }
      return Json.mapper().valueToTree(plugin.probe().read());
    } catch (Unavailable u) {
      throw new UnavailableException(u.getMessage(), "");
    }
  }

  @Override
  public void close() throws Exception {
    plugin.probe().close();
  }
}
