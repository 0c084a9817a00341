package io.mountscope.tui.panel;

import java.util.List;

/**
 * One box of the dashboard: turns the PanelView into lines for a body of the given size. In zoom
 * the panel gets the whole screen, says everything it has, and the dashboard scrolls the lines.
 */
public interface Panel {
  PanelId id();

  /** The body's lines; more than {@code height} only when detailed (zoomed: the rest scrolls; else clipped). */
  List<Line> render(PanelView view, int width, int height);

  /** The columns 's' cycles through in this panel's main table; empty when it has no table. */
  List<String> sortColumns();

  /** The built-in panels, in focus order. */
  static List<Panel> all() {
    return List.of(new TopologyPanel(), new MountActivityPanel(), new MountTablePanel(), new HotspotsPanel(),
        new StartupsPanel(), new DiagnosisPanel());
  }

  /** The built-in panels and, when a loaded plugin adds panels, the Plugins panel last (loading the plugins). */
  static List<Panel> withPlugins() {
    return withPlugins(io.mountscope.plugin.PluginHost.get());
  }

  /** The built-in panels and, when one of these plugins adds panels, the Plugins panel last. */
  static List<Panel> withPlugins(io.mountscope.plugin.PluginHost host) {
    List<io.mountscope.plugin.PluginHost.PanelSource> sources = host.panels();
    if (sources.isEmpty()) {
      return all();
    }
    List<Panel> out = new java.util.ArrayList<>(all());
    out.add(new PluginsPanel(sources));
    return List.copyOf(out);
  }
}
