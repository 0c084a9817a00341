package io.mountscope.kernel;

/**
 * System call numbers for the calls that have no glibc wrapper on older distributions.
 * The new mount API (428+) shares numbers across architectures; the older calls do not.
 */
public final class SyscallNumbers {
  public static final boolean X86_64;
  public static final long PERF_EVENT_OPEN;
  public static final long OPEN_TREE = 428;
  public static final long MOVE_MOUNT = 429;
  public static final long FSOPEN = 430;
  public static final long FSCONFIG = 431;
  public static final long FSMOUNT = 432;
  public static final long FSPICK = 433;
  public static final long MOUNT_SETATTR = 442;
  public static final long STATMOUNT = 457;
  public static final long LISTMOUNT = 458;

  static {
    String arch = System.getProperty("os.arch");
    X86_64 = arch.equals("amd64") || arch.equals("x86_64");
    if (X86_64) {
      PERF_EVENT_OPEN = 298;
    } else if (arch.equals("aarch64")) {
      PERF_EVENT_OPEN = 241;
    } else {
      throw new UnsupportedOperationException("mountscope supports x86_64 and aarch64, not " + arch);
    }
  }

  private SyscallNumbers() {}
}
