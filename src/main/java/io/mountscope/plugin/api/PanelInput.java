package io.mountscope.plugin.api;

import java.util.List;
import java.util.Map;

/**
 * What a panel draws from: the plugin's derived part of the newest Model (null when its probe
 * gave nothing), the probe's state ("ok", "stale", "unavailable", "off", "starting") and reason, the last 60
 * s of the part (oldest first), and the room it has.
 */
public record PanelInput(Map<String, Object> part, String state, String reason, List<Map<String, Object>> history,
    int width, int height) {

  /** The line to show instead of a part the probe did not give: "what: unavailable (why)". */
  public PanelLine missing(String what) {
    return PanelLine.of(what + ": " + state + (reason == null ? "" : " (" + reason + ")"),
        "unavailable".equals(state) ? Tone.WARN : Tone.DIM);
  }
}
