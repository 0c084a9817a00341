package io.mountscope.plugin.api;

import java.util.Optional;

/**
 * What the console gives a plugin: its name, its settings and a log. Settings come from the
 * environment ({@code MOUNTSCOPE_PLUGIN_<NAME>_<KEY>}, upper case, dashes as underscores) or from
 * {@code /etc/mountscope/plugins/<name>.properties}, in that order.
 */
public interface PluginContext {
  String pluginName();

  /** The setting {@code key} (lower case, e.g. "url"), if set. */
  Optional<String> setting(String key);

  /** Writes one line to mountscope's log file under the plugin's name; never to the terminal. */
  void log(String message, Throwable error);
}
