package io.mountscope.plugins.systemd;

import io.mountscope.plugin.api.Probe;
import io.mountscope.plugin.api.Unavailable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * systemd as the incident's other victim: pid 1's CPU time (/proc/1/stat, as read) and the mounts
 * in its mount namespace (/proc/1/mountinfo lines: systemd makes a .mount unit of each one and
 * re-reads the whole table on every change). Derived: CPU as a share of one CPU, mount units
 * and how fast they change.
 */
public final class SystemdProbe implements Probe {
  static final double TICKS_PER_SECOND = ProcPid.TICKS_PER_SECOND;
  private final ProcPid pid1 = new ProcPid(1);

  @Override
  public Map<String, Object> read() throws Exception {
    String comm = pid1.comm();
    if (!comm.equals("systemd")) {
      throw new Unavailable("pid 1 is " + comm + ", not systemd");
    }
    long ticks = pid1.cpuTicks();
    long start = System.nanoTime();
    long lines = pid1.mountinfoLines();
    Map<String, Object> part = new LinkedHashMap<>();
    part.put("cpuTicks", ticks);
    part.put("mountUnits", lines);
    part.put("mountinfoReadMillis", (System.nanoTime() - start) / 1e6);
    return part;
  }

  @Override
  public Map<String, Object> derive(Map<String, Object> now, Map<String, Object> previous, double seconds) {
    Map<String, Object> out = new LinkedHashMap<>();
    long units = ((Number) now.get("mountUnits")).longValue();
    out.put("mountUnits", units);
    out.put("mountinfoReadMillis", now.get("mountinfoReadMillis"));
    if (previous != null && seconds > 0) {
      long ticks = ((Number) now.get("cpuTicks")).longValue() - ((Number) previous.get("cpuTicks")).longValue();
      out.put("cpuShare", Math.max(0, ticks) / TICKS_PER_SECOND / seconds);
      out.put("mountUnitsPerSecond", (units - ((Number) previous.get("mountUnits")).longValue()) / seconds);
    }
    return out;
  }
}
