package io.mountscope.probe;

import io.mountscope.model.HostInfo;
import io.mountscope.model.KernelInfo;
import io.mountscope.util.Procfs;

/** Reads who and what this node is: hostname, OS, uptime and the kernel's uname. */
public final class HostReader {
  private HostReader() {}

  public static HostInfo host() {
    String name = Procfs.read("/proc/sys/kernel/hostname").orElse("unknown");
    long uptime = Procfs.read("/proc/uptime")
        .map(s -> (long) Double.parseDouble(s.split("\\s+")[0])).orElse(0L);
    return new HostInfo(name, osName(), uptime);
  }

  public static KernelInfo kernel() {
    String arch = System.getProperty("os.arch");
    String machine = arch.equals("amd64") ? "x86_64" : arch;
    return new KernelInfo(Procfs.read("/proc/sys/kernel/osrelease").orElse("unknown"),
        Procfs.read("/proc/sys/kernel/version").orElse("unknown"), machine);
  }

  /** PRETTY_NAME from /etc/os-release, without its quotes. */
  static String osName() {
    return Procfs.read("/etc/os-release").map(s -> {
      for (String line : s.split("\n")) {
        if (line.startsWith("PRETTY_NAME=")) {
          return line.substring("PRETTY_NAME=".length()).replace("\"", "");
        }
      }
      return "Linux";
    }).orElse("Linux");
  }

  /** Kernel release as major*1000+minor (6.18.44 -> 6018), or 0 if unreadable. */
  public static int kernelVersionCode(String release) {
    String[] parts = release.split("[.-]");
    try {
      return Integer.parseInt(parts[0]) * 1000 + Integer.parseInt(parts[1]);
    } catch (RuntimeException e) {
      return 0;
    }
  }
}
