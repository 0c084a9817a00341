package io.mountscope.probe;

import io.mountscope.model.SelfSample;
import io.mountscope.util.Procfs;
import java.lang.management.ManagementFactory;

/** Reads mountscope's own cost: CPU time of the whole process and resident memory. */
public final class SelfReader {
  private SelfReader() {}

  public static SelfSample read() {
    long cpu = 0;
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
      cpu = os.getProcessCpuTime();
    }
    long rssKb = Procfs.selfStatus("VmRSS").map(v -> v.replace("kB", "").trim())
        .flatMap(Procfs::parseLong).orElse(0L);
    return new SelfSample(cpu, rssKb * 1024);
  }
}
