package io.mountscope.kernel.perf;

import io.mountscope.kernel.Capabilities;
import io.mountscope.kernel.Errno;
import io.mountscope.kernel.SyscallException;
import io.mountscope.util.Procfs;
import io.mountscope.util.UnavailableException;
import java.util.Optional;

/**
 * Whether this process may open system-wide perf events, and what to tell the operator when it
 * may not. The kernel's rule: with CAP_PERFMON (or CAP_SYS_ADMIN) everything is allowed; without
 * it, kernel.perf_event_paranoid must be at most 0 for per-CPU events and kernel samples, and at
 * most -1 for raw tracepoint data.
 */
public final class PerfAccess {
  /** Per-CPU events counting or sampling the kernel. */
  public static final int CPU_WIDE = 0;
  /** Per-CPU tracepoint samples with PERF_SAMPLE_RAW. */
  public static final int RAW_TRACEPOINTS = -1;

  private PerfAccess() {}

  /** Throws an {@link UnavailableException} saying which and how to fix when {@code what} cannot run here. */
  public static void require(String what, int paranoidAtMost) {
    Optional<String> denial = denial(what, Capabilities.current().perfmon(), Procfs.effectiveUid(),
        Procfs.readLong("/proc/sys/kernel/perf_event_paranoid").orElse(null), paranoidAtMost);
    if (denial.isPresent()) {
      throw new UnavailableException(denial.get(), fix(paranoidAtMost));
    }
  }

  /** The reason {@code what} is denied, or empty when the process may open such events. */
  static Optional<String> denial(String what, boolean perfmon, long uid, Long paranoid, int paranoidAtMost) {
    if (paranoid == null) {
      return Optional.of(what + " needs perf events, and this kernel has none (no /proc/sys/kernel/perf_event_paranoid)");
    }
    if (perfmon || paranoid <= paranoidAtMost) {
      return Optional.empty();
    }
    return Optional.of(what + " needs CAP_PERFMON or kernel.perf_event_paranoid<=" + paranoidAtMost
        + ", and this process (uid " + uid + ") has no CAP_PERFMON while perf_event_paranoid is " + paranoid);
  }

  private static String fix(int paranoidAtMost) {
    return "run mountscope as root, or sysctl -w kernel.perf_event_paranoid=" + paranoidAtMost;
  }

  /**
   * Turns a failed perf_event_open or mmap into the one line the operator needs; errors that are
   * not about the node (EINVAL from a bad attr) are returned as they are: they are bugs.
   */
  public static RuntimeException explain(SyscallException e, String what, int paranoidAtMost) {
    String call = e.getMessage();
    return switch (e.errno()) {
      case Errno.EACCES, Errno.EPERM -> e.syscall().equals("mmap")
          ? new UnavailableException(what + ": " + call + ": the ring buffers exceed the locked-memory limit",
              "run as root, or raise kernel.perf_event_mlock_kb", e)
          : new UnavailableException(what + ": " + call + " (perf_event_paranoid="
              + Procfs.read("/proc/sys/kernel/perf_event_paranoid").orElse("?") + ")", fix(paranoidAtMost), e);
      case Errno.ENOENT, Errno.ENODEV, Errno.EOPNOTSUPP -> new UnavailableException(what + ": " + call
          + ": this kernel does not offer the event", "use a kernel built with CONFIG_PERF_EVENTS and CONFIG_FTRACE", e);
      case Errno.ENOSYS -> new UnavailableException(what + ": this kernel has no perf_event_open",
          "use a kernel built with CONFIG_PERF_EVENTS", e);
      case Errno.EMFILE, Errno.ENFILE -> new UnavailableException(what + ": " + call
          + ": out of file descriptors (one per event and CPU)", "raise the limit: ulimit -n 65536", e);
      case Errno.ENOMEM -> new UnavailableException(what + ": " + call + ": out of memory for ring buffers",
          "free memory, or run with fewer CPUs traced", e);
      default -> e;
    };
  }
}
