package io.mountscope.tui.panel;

import io.mountscope.model.Model;
import io.mountscope.model.ProbeStatus;
import java.util.List;
import java.util.Map;

/**
 * What a panel draws from: the newest Model (null before the first sample), the last 60 s of
 * them, the user's filter and sort for this panel, whether to say everything it has (zoomed, or
 * tall enough; the dashboard scrolls or clips what does not fit), and the glyphs.
 */
public record PanelView(Model model, History history, TableState table, boolean detailed, Glyphs glyphs) {
  /** Panels at least this tall show everything, as if zoomed. */
  public static final int DETAIL_ROWS = 14;


  /**
   * The line a panel shows instead of a part that is null: the probe's own status when it
   * reported one under any of {@code probeKeys}, else that nothing collects it yet.
   */
  public List<Line> notCollected(int width, String what, String... probeKeys) {
    if (model == null) {
      return List.of(Line.of("waiting for the first sample", Style.DIM));
    }
    Map<String, ProbeStatus> probes = model.probes() == null ? Map.of() : model.probes();
    for (String key : probeKeys) {
      ProbeStatus s = probes.get(key);
      if (s != null && !ProbeStatus.OK.equals(s.state())) {
        return Wrap.lines("", what + ": " + s.state() + (s.reason() == null ? "" : " (" + s.reason() + ")"), width,
            ProbeStatus.UNAVAILABLE.equals(s.state()) ? Style.WARN : Style.DIM);
      }
    }
    return List.of(Line.of(what + ": not collected", Style.DIM));
  }

  /** A list that is never null. */
  public static <T> List<T> orEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }
}
