package io.mountscope.plugins.systemd;

import io.mountscope.plugin.api.Probe;
import io.mountscope.plugin.api.Unavailable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * systemd as the incident's other victim: pid 1's CPU time (/proc/1/stat, as read) and the mounts
 * in its mount namespace (/proc/1/mountinfo lines: systemd makes a .mount unit of each one and
 * re-reads the whole table on every change). Derived: CPU as a share of one CPU, mount units
 * and how fast they change.
 */
public final class SystemdProbe implements Probe {
  /** USER_HZ: /proc reports CPU time in these ticks, 100 per second on every Linux architecture. */
  static final double TICKS_PER_SECOND = 100;
  private static final Path PROC = Path.of("/proc");

  @Override
  public Map<String, Object> read() throws Exception {
    String comm = read(PROC.resolve("1/comm")).strip();
    if (!comm.equals("systemd")) {
      throw new Unavailable("pid 1 is " + comm + ", not systemd");
    }
    String stat = read(PROC.resolve("1/stat"));
    // Fields after the command name, which is in parentheses and may hold spaces.
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    long utime = Long.parseLong(f[11]);
    long stime = Long.parseLong(f[12]);
    long start = System.nanoTime();
    long lines;
    try (InputStream in = Files.newInputStream(PROC.resolve("1/mountinfo"))) {
      lines = countLines(in);
    }
    Map<String, Object> part = new LinkedHashMap<>();
    part.put("cpuTicks", utime + stime);
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

  private static String read(Path p) throws IOException {
    return new String(Files.readAllBytes(p), java.nio.charset.StandardCharsets.UTF_8);
  }

  private static long countLines(InputStream in) throws IOException {
    byte[] buf = new byte[65536];
    long n = 0;
    for (int r = in.read(buf); r > 0; r = in.read(buf)) {
      for (int i = 0; i < r; i++) {
        if (buf[i] == '\n') {
          n++;
        }
      }
    }
    return n;
  }
}
