package io.mountscope.plugins.kubelet;

import io.mountscope.plugin.api.Panel;
import io.mountscope.plugin.api.PanelInput;
import io.mountscope.plugin.api.PanelLine;
import io.mountscope.plugin.api.Tone;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The kubelet's pod start latency: quantiles since it started, starts in the last interval, running pods. */
public final class KubeletPanel implements Panel {
  /** Pod starts slower than this at p99 are the incident's symptom. */
  private static final double SLOW_SECONDS = 30;

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
    List<PanelLine> out = new ArrayList<>();
    Object p99 = p.get("p99Seconds");
    out.add(PanelLine.of(String.format(Locale.ROOT, "start latency p50 %s  p90 %s  p99 %s  (%s starts)",
        secs(p.get("p50Seconds")), secs(p.get("p90Seconds")), secs(p99), p.get("starts")),
        p99 instanceof Number n && n.doubleValue() >= SLOW_SECONDS ? Tone.CRIT : Tone.NORMAL));
    if (p.get("recent") instanceof Map<?, ?> r) {
      out.add(PanelLine.of(String.format(Locale.ROOT, "last %.0f s: %s starts, p99 %s", ((Number) r.get("seconds")).doubleValue(),
          r.get("starts"), secs(r.get("p99Seconds")))));
    }
    out.add(PanelLine.of("running pods " + (p.get("runningPods") == null ? "?" : p.get("runningPods"))
        + (p.get("kubeletVersion") == null ? "" : "  kubelet " + p.get("kubeletVersion")), Tone.DIM));
    if (!"ok".equals(in.state())) {
      out.add(PanelLine.of(in.state() + ": " + in.reason(), Tone.WARN));
    }
    return out;
  }

  private static String secs(Object v) {
    return v instanceof Number n ? String.format(Locale.ROOT, "%.2f s", n.doubleValue()) : "-";
  }
}
