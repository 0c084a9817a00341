package io.mountscope.recipe.actuator;

import io.mountscope.util.UnavailableException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A systemd unit's AllowedCPUs, read with systemctl show and set at run time only (--runtime). */
final class SystemdUnits {
  private SystemdUnits() {}

  /** Refuses unless systemd is the running init (sd_booted(3): /run/systemd/system exists). */
  static void require() {
    if (!Files.isDirectory(Path.of("/run/systemd/system"))) {
      throw new UnavailableException("systemd is not running on this node (no /run/systemd/system), so a unit's "
          + "CPUs cannot be set", "use pids:NAME (sched_setaffinity) or cgroup:PATH (cpuset.cpus) instead");
    }
  }

  static String allowedCpus(String unit) {
    return systemctl("show", "--property=AllowedCPUs", "--value", unit).trim();
  }

  static String setAllowedCpus(String unit, String cpus) {
    require();
    systemctl("set-property", "--runtime", unit, "AllowedCPUs=" + cpus);
    String back = allowedCpus(unit);
    if (!SysFiles.same(back, cpus)) {
      throw new IllegalStateException(unit + ": set AllowedCPUs=" + cpus + " but systemctl shows '" + back + "'");
    }
    return "AllowedCPUs=" + (back.isEmpty() ? "(all)" : back);
  }

  private static String systemctl(String... args) {
    List<String> cmd = new java.util.ArrayList<>(List.of("systemctl"));
    cmd.addAll(List.of(args));
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
        p.destroyForcibly();
        throw new IllegalStateException(String.join(" ", cmd) + " failed: " + out.strip());
      }
      return out;
    } catch (IOException e) {
      throw new UnavailableException("cannot run systemctl: " + e.getMessage(), "install systemd's systemctl");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted running systemctl", e);
    }
  }
}
