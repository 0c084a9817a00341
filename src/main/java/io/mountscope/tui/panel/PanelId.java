package io.mountscope.tui.panel;

/** The dashboard's panels, in focus order (Tab). */
public enum PanelId {
  TOPOLOGY("Topology"),
  MOUNT_ACTIVITY("Mount activity"),
  MOUNT_TABLE("Mount table"),
  HOTSPOTS("Hotspots"),
  STARTUPS("Startups"),
  DIAGNOSIS("Diagnosis"),
  /** The loaded plugins' panels; in the layout only when a plugin adds one. */
  PLUGINS("Plugins");

  private final String title;

  PanelId(String title) {
    this.title = title;
  }

  public String title() {
    return title;
  }
}
