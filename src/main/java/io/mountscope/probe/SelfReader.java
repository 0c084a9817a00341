package io.mountscope.probe;

import io.mountscope.kernel.SelfAccounting;
import io.mountscope.model.SelfSample;
import io.mountscope.util.Procfs;
import java.lang.management.ManagementFactory;

/**
 * Reads mountscope's own cost: CPU time of all its threads, resident memory, and what it added to
 * the mount locks (mount-table syscalls issued, mountinfo bytes read; see {@link SelfAccounting}).
 */
public final class SelfReader implements Probe<SelfSample> {

  @Override
  public SelfSample read() {
    return now();
  }

  public static SelfSample now() {
    long cpu = 0;
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
      cpu = os.getProcessCpuTime();
    }
    long rssKb = Procfs.selfStatus("VmRSS").map(v -> v.replace("kB", "").trim())
        .flatMap(Procfs::parseLong).orElse(0L);
    return new SelfSample(cpu, rssKb * 1024, SelfAccounting.mountSyscalls(), SelfAccounting.mountinfoBytes());
  }
}
