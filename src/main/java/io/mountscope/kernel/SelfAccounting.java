package io.mountscope.kernel;

import java.util.concurrent.atomic.LongAdder;

/**
 * What mountscope itself adds to the mount locks: every mount-table syscall it issues (listmount,
 * statmount, its own mounts) and every byte of mountinfo it reads. The self probe reports these, so
 * the observer's share of the load is visible.
 */
public final class SelfAccounting {
  private static final LongAdder MOUNT_SYSCALLS = new LongAdder();
  private static final LongAdder MOUNTINFO_BYTES = new LongAdder();

  private SelfAccounting() {}

  public static void mountSyscalls(long n) {
    MOUNT_SYSCALLS.add(n);
  }

  public static void mountinfoBytes(long n) {
    MOUNTINFO_BYTES.add(n);
  }

  public static long mountSyscalls() {
    return MOUNT_SYSCALLS.sum();
  }

  public static long mountinfoBytes() {
    return MOUNTINFO_BYTES.sum();
  }
}
