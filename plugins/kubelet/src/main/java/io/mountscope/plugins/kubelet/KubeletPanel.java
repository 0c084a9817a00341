package io.mountscope.plugins.kubelet;

import io.mountscope.plugin.api.Panel;
import io.mountscope.plugin.api.PanelInput;
import io.mountscope.plugin.api.PanelLine;
import io.mountscope.plugin.api.Tone;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The kubelet's pod start latency: quantiles, starts in the last interval, then by source: running
 * pods (metrics) or the slowest recent pods by name (log); last, which source and why.
 */
public final class KubeletPanel implements Panel {
  /** Pod starts slower than this at p99 are the incident's symptom. */
  private static final double SLOW_SECONDS = 30;
  /** Slowest pods shown when the panel has the room. */
  private static final int SLOWEST_SHOWN = 3;

  @Override
  public String title() {
    return "pod starts (kubelet)";
  }

  @Override
  public List<PanelLine> render(PanelInput in) {
    Map<String, Object> p = in.part();
    if (p == null) {
      return List.of(in.missing("kubelet"));
    }
    boolean fromLog = "log".equals(p.get("source"));
    List<PanelLine> out = new ArrayList<>();
    Object p99 = p.get("p99Seconds");
    // Short lines: the Plugins panel is a quarter of the screen wide.
    out.add(PanelLine.of(String.format(Locale.ROOT, "p50 %s  p90 %s  p99 %s", secs(p.get("p50Seconds")),
        secs(p.get("p90Seconds")), secs(p99)), slow(p99) ? Tone.CRIT : Tone.NORMAL));
    out.add(PanelLine.of(p.get("starts") + (fromLog ? " starts in the log window" : " starts since the kubelet started")));
    if (p.get("recent") instanceof Map<?, ?> r) {
      out.add(PanelLine.of(String.format(Locale.ROOT, "last %.0f s: %s starts, p99 %s", ((Number) r.get("seconds")).doubleValue(),
          r.get("starts"), secs(r.get("p99Seconds")))));
    }
    if (fromLog) {
      if (p.get("slowest") instanceof List<?> slowest && !slowest.isEmpty()) {
        out.add(PanelLine.of("slowest pods:", Tone.DIM));
        for (Object o : slowest.subList(0, Math.min(SLOWEST_SHOWN, slowest.size()))) {
          Map<?, ?> s = (Map<?, ?>) o;
          out.add(PanelLine.of(secs(s.get("sloSeconds")) + " " + s.get("pod"), slow(s.get("sloSeconds")) ? Tone.WARN : Tone.NORMAL));
        }
      }
      if (p.get("malformedLines") instanceof Number bad && bad.longValue() > 0) {
        out.add(PanelLine.of(bad + " malformed start lines skipped", Tone.WARN));
      }
    } else {
      out.add(PanelLine.of("running pods " + (p.get("runningPods") == null ? "?" : p.get("runningPods"))
          + (p.get("kubeletVersion") == null ? "" : "  kubelet " + p.get("kubeletVersion")), Tone.DIM));
    }
    out.add(PanelLine.of("source: " + (fromLog ? "log " + p.get("log") : "metrics " + p.get("url")), Tone.DIM));
    if (p.get("sourceReason") != null) {
      out.add(PanelLine.of(String.valueOf(p.get("sourceReason")), Tone.DIM));
    }
    if (!"ok".equals(in.state())) {
      out.add(PanelLine.of(in.state() + ": " + in.reason(), Tone.WARN));
    }
    return out;
  }

  private static boolean slow(Object seconds) {
    return seconds instanceof Number n && n.doubleValue() >= SLOW_SECONDS;
  }

  private static String secs(Object v) {
    return v instanceof Number n ? String.format(Locale.ROOT, "%.2f s", n.doubleValue()) : "-";
  }
}
