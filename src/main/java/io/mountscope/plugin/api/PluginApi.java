package io.mountscope.plugin.api;

/**
 * The plugin API's version and the manifest attributes a plugin jar declares. A plugin built for
 * API "M.n" loads when M equals this major and n is at most this minor.
 */
public final class PluginApi {
  /** This console's API version: 1.0 had Probe, Panel, Rule, Command, Actuator; 1.1 added RecipeStep. */
  public static final String VERSION = "1.1";
  /** Manifest attribute: the plugin's name (lower-case words joined by dashes). */
  public static final String NAME = "Mountscope-Plugin-Name";
  /** Manifest attribute: the plugin's own version. */
  public static final String PLUGIN_VERSION = "Mountscope-Plugin-Version";
  /** Manifest attribute: the API version the plugin was built against ("1.0"). */
  public static final String API = "Mountscope-Plugin-Api";

  private PluginApi() {}
}
