package io.mountscope.probe;

import io.mountscope.model.CpuTimesSample;
import io.mountscope.util.Procfs;
import java.nio.file.Path;
import java.util.Arrays;

/** Reads per-CPU busy and total clock ticks from /proc/stat. */
public final class CpuTimesReader implements Probe<CpuTimesSample> {
  private final Path stat;

  public CpuTimesReader() {
    this(Path.of("/proc/stat"));
  }

  CpuTimesReader(Path stat) {
    this.stat = stat;
  }

  @Override
  public CpuTimesSample read() {
    String text = Procfs.read(stat).orElseThrow(() -> new IllegalStateException("cannot read " + stat));
    return parse(text);
  }

  /** busy = user + nice + system + irq + softirq + steal; total = busy + idle + iowait. */
  static CpuTimesSample parse(String text) {
    long[] busy = new long[0];
    long[] total = new long[0];
    for (String line : text.split("\n")) {
      if (!line.startsWith("cpu") || line.length() < 4 || !Character.isDigit(line.charAt(3))) {
        continue;
      }
      String[] f = line.trim().split("\\s+");
      int cpu = Integer.parseInt(f[0].substring(3));
      if (cpu >= busy.length) {
        busy = Arrays.copyOf(busy, cpu + 1);
        total = Arrays.copyOf(total, cpu + 1);
      }
      long b = 0;
      long idle = 0;
      for (int i = 1; i < f.length && i <= 8; i++) {
        long v = Long.parseLong(f[i]);
        if (i == 4 || i == 5) {
          idle += v; // idle, iowait
        } else {
          b += v;
        }
      }
      busy[cpu] = b;
      total[cpu] = b + idle;
    }
    return new CpuTimesSample(busy, total);
  }
}
