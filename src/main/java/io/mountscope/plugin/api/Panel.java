package io.mountscope.plugin.api;

import java.util.List;

/**
 * A dashboard section: a pure function of the plugin's part, drawn in the dashboard's Plugins
 * panel under {@link #title()}. It must not read the node (a replay has no node); an exception
 * is shown in its place.
 */
public interface Panel {
  String title();

  List<PanelLine> render(PanelInput input);
}
