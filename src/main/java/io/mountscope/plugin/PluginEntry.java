package io.mountscope.plugin;

import java.util.List;

/**
 * One plugin jar as {@code mountscope plugins} lists it: name, version, API version, the jar,
 * what it adds (probe, panel, rule, command NAME, actuator NAME), state loaded or refused, and why.
 */
public record PluginEntry(String name, String version, String api, String file, List<String> adds, String state,
    String reason) {
  public static final String LOADED = "loaded";
  public static final String REFUSED = "refused";

  public PluginEntry {
    adds = adds == null ? List.of() : List.copyOf(adds);
  }

  static PluginEntry refused(String name, String version, String api, String file, List<String> adds, String reason) {
    return new PluginEntry(name, version, api, file, adds, REFUSED, reason);
  }

  public boolean loaded() {
    return LOADED.equals(state);
  }
}
