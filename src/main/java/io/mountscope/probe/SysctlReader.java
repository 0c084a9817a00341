package io.mountscope.probe;

import io.mountscope.model.Sysctl;
import io.mountscope.util.Procfs;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the kernel settings that bear on mount-lock contention, each with why it matters. */
public final class SysctlReader implements Probe<List<Sysctl>> {
  /** Key -> why, in the order shown. */
  static final Map<String, String> KEYS = new LinkedHashMap<>();

  static {
    KEYS.put("fs.mount-max", "mounts allowed per mount namespace; a storm that reaches it fails with ENOSPC");
    KEYS.put("user.max_mnt_namespaces", "mount namespaces allowed (one per container); reaching it fails container starts");
    KEYS.put("user.max_user_namespaces", "0 disables user namespaces, which idmapped mounts and user-namespaced pods need");
    KEYS.put("kernel.unprivileged_userns_clone", "Debian's switch for unprivileged user namespaces (rootless runtimes)");
    KEYS.put("kernel.numa_balancing", "automatic NUMA balancing migrates tasks and pages; it moves lock spinners across nodes");
    KEYS.put("vm.zone_reclaim_mode", "non-zero reclaims to keep memory node-local; it changes what NUMA placement measures");
    KEYS.put("kernel.perf_event_paranoid", "above 1 without CAP_PERFMON, mountscope cannot count mount syscalls or sample the kernel");
    KEYS.put("kernel.kptr_restrict", "non-zero hides kernel addresses, so hotspots and lock callers lose their names");
    KEYS.put("fs.protected_symlinks", "restricts following symlinks in sticky directories, where runtimes resolve mount targets");
    KEYS.put("kernel.hung_task_timeout_secs", "tasks blocked on namespace_sem longer than this are reported as hung in dmesg");
    KEYS.put("kernel.watchdog_thresh", "CPUs spinning on mount_lock for twice this many seconds trigger soft-lockup reports");
  }

  private final Path procSys;

  public SysctlReader() {
    this(Path.of("/proc/sys"));
  }

  SysctlReader(Path procSys) {
    this.procSys = procSys;
  }

  @Override
  public List<Sysctl> read() {
    List<Sysctl> out = new ArrayList<>();
    KEYS.forEach((key, why) -> out.add(new Sysctl(key,
        Procfs.read(procSys.resolve(key.replace('.', '/'))).map(v -> v.trim().replaceAll("\\s+", " ")).orElse(null),
        why)));
    return List.copyOf(out);
  }
}
