package io.mountscope.probe;

import io.mountscope.kernel.SelfAccounting;
import io.mountscope.model.SelfSample;
import io.mountscope.util.Procfs;

/**
 * Reads mountscope's own cost: CPU time of all its threads, resident memory, and what it added to
 * the mount locks (mount-table syscalls issued, mountinfo bytes read; see {@link SelfAccounting}).
 */
public final class SelfReader implements Probe<SelfSample> {
  /** Looked up at the first read, on the probe's thread: JNA's start must not hold up the sampler's. */
  private static final class Page {
    static final long SIZE = io.mountscope.kernel.LibC.getpagesize();
  }

  @Override
  public SelfSample read() {
    return now();
  }

  public static SelfSample now() {
    long cpu = cpuNanos();
    return new SelfSample(cpu, rssBytes(), SelfAccounting.mountSyscalls(), SelfAccounting.mountinfoBytes());
  }

  // /proc/self/stat's utime + stime: the management beans would cost a first read 100 ms,
  // ProcessHandle.info() reads three files a tick.
  private static long cpuNanos() {
    return Procfs.cpuTicks("/proc/self/stat").orElse(0L) * 10_000_000L;
  }

  // statm's second field (resident pages) is VmRSS without /proc/self/status's walk over every field.
  private static long rssBytes() {
    return Procfs.read("/proc/self/statm").map(s -> s.split(" ")).filter(f -> f.length > 1)
        .flatMap(f -> Procfs.parseLong(f[1])).orElse(0L) * Page.SIZE;
  }
}
