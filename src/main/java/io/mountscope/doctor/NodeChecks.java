package io.mountscope.doctor;

import io.mountscope.kernel.Capabilities;
import io.mountscope.kernel.Errno;
import io.mountscope.kernel.Kallsyms;
import io.mountscope.kernel.LibC;
import io.mountscope.kernel.MountApi;
import io.mountscope.kernel.PrivateMountNamespace;
import io.mountscope.kernel.SyscallException;
import io.mountscope.kernel.SyscallNumbers;
import io.mountscope.kernel.Syscalls;
import io.mountscope.kernel.Tracefs;
import io.mountscope.kernel.UserNamespace;
import io.mountscope.kernel.perf.PerfAccess;
import io.mountscope.kernel.perf.PerfEvent;
import io.mountscope.kernel.perf.PerfEventAttr;
import io.mountscope.probe.HostReader;
import io.mountscope.util.Procfs;
import io.mountscope.util.UnavailableException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import oshi.SystemInfo;

/** The checks of the node itself: privileges, kernel features, tracing, containerd. */
final class NodeChecks {
  static final List<String> SYSCALL_TRACEPOINTS =
      List.of("mount", "umount", "open_tree", "move_mount", "mount_setattr", "fsmount", "fsopen");

  private final Capabilities caps = Capabilities.current();
  private final boolean root = Procfs.effectiveUid() == 0;

  CheckResult privileges() {
    String name = "privileges";
    String detail = (root ? "root" : "uid " + Procfs.effectiveUid())
        + ", CAP_SYS_ADMIN " + (caps.sysAdmin() ? "yes" : "no")
        + ", CAP_PERFMON " + (caps.has(Capabilities.CAP_PERFMON) ? "yes" : "no");
    if (caps.sysAdmin() && caps.perfmon()) {
      return CheckResult.ok(name, detail);
    }
    return CheckResult.fail(name, detail,
        "no mount storms, recipes or kernel tracing; the dashboard shows what /proc allows",
        "run as root (sudo mountscope), or grant CAP_SYS_ADMIN and CAP_PERFMON");
  }

  CheckResult kernelVersion() {
    String release = HostReader.kernel().release();
    int code = HostReader.kernelVersionCode(release);
    if (code >= 5019) {
      return CheckResult.ok("kernel", release + " (5.19+: overlayfs over idmapped layers, lock tracepoints)");
    }
    if (code >= 5012) {
      return CheckResult.warn("kernel", release, "idmapped mounts work but overlayfs over them needs 5.19",
          "idmap storms are unavailable on this kernel; upgrade to 5.19+ to reproduce the incident");
    }
    return CheckResult.fail("kernel", release, "no idmapped mounts (5.12+) on this kernel",
        "upgrade the kernel to 5.19 or later");
  }

  CheckResult perfParanoid() {
    Optional<Long> v = Procfs.readLong("/proc/sys/kernel/perf_event_paranoid");
    if (v.isEmpty()) {
      return CheckResult.fail("perf_event_paranoid", "/proc/sys/kernel/perf_event_paranoid missing",
          "this kernel has no perf events: no counters, lock tracing or sampling",
          "use a kernel built with CONFIG_PERF_EVENTS");
    }
    String detail = "kernel.perf_event_paranoid=" + v.get();
    if (caps.perfmon()) {
      return CheckResult.ok("perf_event_paranoid", detail + " (does not apply: CAP_PERFMON)");
    }
    if (v.get() <= -1) {
      return CheckResult.ok("perf_event_paranoid", detail);
    }
    return CheckResult.fail("perf_event_paranoid", detail,
        "without CAP_PERFMON, system-wide tracepoints need paranoid -1: no counters, locks or hotspots",
        "run as root, or sysctl kernel.perf_event_paranoid=-1");
  }

  /**
   * Opens, on CPU 0, the kinds of events the collectors use: a cpu-clock sampler, a syscall
   * tracepoint counter and a raw lock tracepoint sampler. The truth, not a guess from paranoid.
   */
  CheckResult perfEventOpen() {
    String name = "perf_event_open";
    List<String> opened = new ArrayList<>();
    try {
      PerfAccess.require("opening system-wide perf events", PerfAccess.CPU_WIDE);
      tryOpen(PerfEventAttr.software(PerfEventAttr.SW_CPU_CLOCK).frequency(99), "cpu-clock", PerfAccess.CPU_WIDE);
      opened.add("cpu-clock sampling");
      Path root = Tracefs.root();
      if (Tracefs.hasEvent(root, "syscalls", "sys_enter_mount")) {
        tryOpen(PerfEventAttr.tracepoint(Tracefs.format(root, "syscalls", "sys_enter_mount", "").id()),
            "syscalls:sys_enter_mount", PerfAccess.CPU_WIDE);
        opened.add("syscalls:sys_enter_mount counting");
      }
      if (Tracefs.hasEvent(root, "lock", "contention_begin")) {
        PerfAccess.require("lock contention tracing", PerfAccess.RAW_TRACEPOINTS);
        tryOpen(PerfEventAttr.tracepoint(Tracefs.format(root, "lock", "contention_begin", "").id()).period(1)
            .sampleType(PerfEventAttr.SAMPLE_RAW | PerfEventAttr.SAMPLE_TID), "lock:contention_begin",
            PerfAccess.RAW_TRACEPOINTS);
        opened.add("lock:contention_begin raw sampling");
      }
      return CheckResult.ok(name, String.join(", ", opened) + " open system-wide (tried on CPU 0)");
    } catch (UnavailableException e) {
      return CheckResult.fail(name, (opened.isEmpty() ? "" : String.join(", ", opened) + " open; ") + e.getMessage(),
          "the kernel collectors that need it are unavailable (counters, lock table, hotspots)", e.fix());
    }
  }

  private static void tryOpen(PerfEventAttr attr, String name, int paranoidLevel) {
    try {
      PerfEvent.open(attr.set(PerfEventAttr.DISABLED), name, -1, 0, null).close();
    } catch (SyscallException e) {
      RuntimeException r = PerfAccess.explain(e, "opening " + name, paranoidLevel);
      throw r instanceof UnavailableException u ? u : new UnavailableException(r.getMessage(), "see the log file", r);
    }
  }

  CheckResult tracefs() {
    try {
      Path root = Tracefs.root();
      String how = Tracefs.override().isPresent() ? root + " (from " + Tracefs.ENV + ")"
          : Tracefs.mounted().isPresent() ? "mounted at " + root
          : "not mounted on the host; mountscope mounts it in a private mount namespace of its own";
      return CheckResult.ok("tracefs", how);
    } catch (UnavailableException e) {
      return CheckResult.fail("tracefs", e.getMessage(), "no tracepoints: no exact mount counters, no lock contention",
          e.fix());
    }
  }

  CheckResult syscallTracepoints() {
    List<String> missing = tracepointsMissing("syscalls", SYSCALL_TRACEPOINTS.stream().map(s -> "sys_enter_" + s).toList());
    if (missing == null) {
      return CheckResult.fail("syscall tracepoints", "tracefs unavailable", "no exact mount counters",
          "fix tracefs first");
    }
    if (missing.isEmpty()) {
      return CheckResult.ok("syscall tracepoints", "sys_enter_{" + String.join(",", SYSCALL_TRACEPOINTS) + "}");
    }
    return CheckResult.fail("syscall tracepoints", "missing: " + String.join(", ", missing),
        "mount syscall rates cannot be counted exactly for these calls",
        "use a kernel with CONFIG_FTRACE_SYSCALLS");
  }

  CheckResult lockTracepoints() {
    List<String> missing = tracepointsMissing("lock", List.of("contention_begin", "contention_end"));
    if (missing == null) {
      return CheckResult.fail("lock tracepoints", "tracefs unavailable", "no lock contention table", "fix tracefs first");
    }
    if (missing.isEmpty()) {
      return CheckResult.ok("lock tracepoints", "lock:contention_begin, lock:contention_end");
    }
    return CheckResult.fail("lock tracepoints", "missing: " + String.join(", ", missing),
        "no lock contention table (CPU hotspots still show spinning)",
        "use a kernel 5.19+ (lock:contention_* tracepoints)");
  }

  /** Names of events under events/GROUP that do not exist; null when tracefs is unreachable. */
  private static List<String> tracepointsMissing(String group, List<String> events) {
    try {
      return Tracefs.with(root -> {
        List<String> missing = new ArrayList<>();
        for (String e : events) {
          if (!Files.isRegularFile(root.resolve("events").resolve(group).resolve(e).resolve("id"))) {
            missing.add(group + ":" + e);
          }
        }
        return missing;
      });
    } catch (Exception e) {
      return null;
    }
  }

  CheckResult kallsyms() {
    String restrict = Procfs.read("/proc/sys/kernel/kptr_restrict").orElse("?");
    try {
      Kallsyms k = Kallsyms.load();
      return CheckResult.ok("kallsyms", k.size() + " text symbols with real addresses (kernel.kptr_restrict=" + restrict + ")");
    } catch (UnavailableException e) {
      return CheckResult.fail("kallsyms", e.getMessage(), "lock callers and hotspots cannot be named: those probes are off",
          e.fix());
    }
  }

  CheckResult newMountApi() {
    // fsopen creates only a filesystem context; nothing is mounted.
    com.sun.jna.Memory tmpfs = Syscalls.cString("tmpfs");
    long fd = LibC.syscall(SyscallNumbers.FSOPEN, com.sun.jna.Pointer.nativeValue(tmpfs), MountApi.FSOPEN_CLOEXEC, 0, 0, 0, 0);
    int fsopenErrno = fd < 0 ? com.sun.jna.Native.getLastError() : 0;
    if (fd >= 0) {
      Syscalls.close((int) fd);
    }
    // mount_setattr on fd -1 fails with EBADF where it exists, ENOSYS where it does not.
    long rc = LibC.syscall(SyscallNumbers.MOUNT_SETATTR, -1, 0, 0, 0, 0, 0);
    int setattrErrno = rc < 0 ? com.sun.jna.Native.getLastError() : 0;
    if (fsopenErrno == Errno.ENOSYS || setattrErrno == Errno.ENOSYS) {
      return CheckResult.fail("new mount API", "fsopen " + Errno.name(fsopenErrno) + ", mount_setattr " + Errno.name(setattrErrno),
          "idmap storms cannot run", "upgrade the kernel to 5.12 or later");
    }
    if (fsopenErrno == Errno.EPERM) {
      return CheckResult.fail("new mount API", "present, but fsopen denied (EPERM)",
          "storms and recipes cannot mount", "run as root or with CAP_SYS_ADMIN");
    }
    return CheckResult.ok("new mount API", "open_tree, move_mount, fsopen/fsmount, mount_setattr");
  }

  CheckResult userNamespaces() {
    long max = Procfs.readLong("/proc/sys/user/max_user_namespaces").orElse(-1L);
    if (max == 0) {
      return CheckResult.fail("user namespaces", "user.max_user_namespaces=0",
          "idmapped mounts need a user namespace: no idmap storms", "sysctl user.max_user_namespaces=15000");
    }
    try (UserNamespace ns = UserNamespace.create(100000, 65536)) {
      return CheckResult.ok("user namespaces", "created one mapping " + ns.mapping()
          + " (user.max_user_namespaces=" + max + ")");
    } catch (IOException | RuntimeException e) {
      return CheckResult.fail("user namespaces", "cannot create one: " + e.getMessage(),
          "no idmap storms", "run as root; check user.max_user_namespaces and that util-linux unshare is installed");
    }
  }

  CheckResult idmappedOverlay() {
    if (!caps.sysAdmin()) {
      return CheckResult.warn("idmapped overlay", "not tested: needs CAP_SYS_ADMIN",
          "idmap storms need it", "run doctor as root");
    }
    Path base = null;
    try {
      base = Files.createTempDirectory("mountscope-doctor");
      Path dir = base;
      String result = PrivateMountNamespace.call("doctor-idmap", () -> tryIdmappedOverlay(dir));
      return CheckResult.ok("idmapped overlay", result);
    } catch (SyscallException e) {
      return CheckResult.fail("idmapped overlay", e.getMessage(),
          "idmap-per-layer and idmap-common-parent storms cannot run here",
          e.errno() == Errno.EINVAL ? "overlayfs over idmapped layers needs kernel 5.19+" : "run as root on kernel 5.19+");
    } catch (Exception e) {
      return CheckResult.fail("idmapped overlay", e.getMessage(), "idmap storms cannot run here",
          "run as root on kernel 5.19+ with user namespaces");
    } finally {
      deleteTree(base);
    }
  }

  /** Inside a private mount namespace: idmap a layer and mount an overlay over it, as containerd does. */
  private static String tryIdmappedOverlay(Path base) throws IOException {
    Syscalls.mount("none", base.toString(), "tmpfs", 0, null);
    for (String d : List.of("l0", "l1", "t0", "merged")) {
      Files.createDirectories(base.resolve(d));
    }
    try (UserNamespace ns = UserNamespace.create(100000, 65536)) {
      int tree = MountApi.openTree(base.resolve("l0").toString(), MountApi.OPEN_TREE_CLONE | MountApi.OPEN_TREE_CLOEXEC);
      try {
        MountApi.idmap(tree, ns.fd(), true);
        MountApi.moveMount(tree, base.resolve("t0").toString());
      } finally {
        Syscalls.close(tree);
      }
    }
    Syscalls.mount("overlay", base.resolve("merged").toString(), "overlay", 0,
        "lowerdir=" + base.resolve("t0") + ":" + base.resolve("l1"));
    return "open_tree + mount_setattr(IDMAP) + move_mount + overlay over the idmapped layer: works";
  }

  CheckResult mountMax() {
    long max = Procfs.readLong("/proc/sys/fs/mount-max").orElse(-1L);
    long mounts = Procfs.read("/proc/self/mountinfo").map(s -> s.lines().count()).orElse(0L);
    String detail = "fs.mount-max=" + max + ", " + mounts + " mounts in this namespace";
    if (max > 0 && mounts > max * 0.8) {
      return CheckResult.warn("fs.mount-max", detail, "the mount table is close to its limit: mounts will fail with ENOSPC",
          "find leaked mounts (mountscope mounts) or raise fs.mount-max");
    }
    return CheckResult.ok("fs.mount-max", detail);
  }

  CheckResult containerd() {
    String env = System.getenv("CONTAINERD_ADDRESS");
    Path socket = Path.of(env != null && !env.isBlank() ? env : "/run/containerd/containerd.sock");
    String version = commandOutput("containerd", "--version").orElse(null);
    if (Files.exists(socket)) {
      return CheckResult.ok("containerd", "socket " + socket + (version == null ? "" : ", " + version));
    }
    return CheckResult.warn("containerd", "no socket at " + socket + (version == null ? ", not installed" : ", " + version),
        "the startups panel falls back to the process table; images and flatten need containerd",
        "start containerd, or pass --containerd ADDR");
  }

  CheckResult oshi() {
    try {
      var cpu = new SystemInfo().getHardware().getProcessor();
      return CheckResult.ok("oshi", cpu.getProcessorIdentifier().getName().trim() + ", "
          + cpu.getLogicalProcessorCount() + " logical CPUs");
    } catch (RuntimeException | LinkageError e) {
      return CheckResult.fail("oshi", "OSHI cannot read the hardware: " + e.getMessage(),
          "the topology panel is empty", "check /proc/cpuinfo and /sys/devices/system/cpu are readable");
    }
  }

  static Optional<String> commandOutput(String... command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      if (!p.waitFor(5, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return Optional.empty();
      }
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      if (p.exitValue() != 0) {
        return Optional.empty();
      }
      return Optional.of(out.lines().findFirst().orElse(""));
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  private static void deleteTree(Path base) {
    if (base == null) {
      return;
    }
    try (var walk = Files.walk(base)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // best effort: a temp dir
    }
  }
}
