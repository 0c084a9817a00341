package io.mountscope.plugins.systemd;

import io.mountscope.plugin.api.Panel;
import io.mountscope.plugin.api.PanelInput;
import io.mountscope.plugin.api.PanelLine;
import io.mountscope.plugin.api.Tone;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** systemd's CPU and mount units, with the CPU of the last minute as a row of levels. */
public final class SystemdPanel implements Panel {
  private static final String LEVELS = " .:-=+*#%@";

  @Override
  public String title() {
    return "systemd (pid 1)";
  }

  @Override
  public List<PanelLine> render(PanelInput in) {
    Map<String, Object> p = in.part();
    if (p == null) {
      return List.of(in.missing("systemd"));
    }
    List<PanelLine> out = new ArrayList<>();
    Object cpu = p.get("cpuShare");
    double share = cpu instanceof Number n ? n.doubleValue() : 0;
    out.add(PanelLine.of(String.format(Locale.ROOT, "CPU %s of one CPU   mount units %s%s",
        cpu == null ? "-" : String.format(Locale.ROOT, "%.0f%%", share * 100), p.get("mountUnits"),
        p.get("mountUnitsPerSecond") instanceof Number r ? String.format(Locale.ROOT, " (%+.1f/s)", r.doubleValue()) : ""),
        share >= SystemdRule.CPU_SHARE ? Tone.WARN : Tone.NORMAL));
    StringBuilder spark = new StringBuilder();
    for (Map<String, Object> h : in.history()) {
      double s = h.get("cpuShare") instanceof Number n ? n.doubleValue() : 0;
      spark.append(LEVELS.charAt((int) Math.min(LEVELS.length() - 1, Math.round(s * (LEVELS.length() - 1)))));
    }
    int w = Math.max(0, in.width() - 6);
    out.add(PanelLine.of("cpu  " + spark.substring(Math.max(0, spark.length() - w)), Tone.DIM));
    return out;
  }
}
