package io.mountscope.kernel;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.nio.charset.StandardCharsets;

/** Checked wrappers over {@link LibC}: every failure becomes a {@link SyscallException}. */
public final class Syscalls {
  public static final int CLONE_NEWNS = 0x00020000;
  public static final int CLONE_FS = 0x00000200;
  public static final int CLONE_NEWUSER = 0x10000000;

  public static final long MS_RDONLY = 1;
  public static final long MS_NOSUID = 2;
  public static final long MS_NODEV = 4;
  public static final long MS_NOEXEC = 8;
  public static final long MS_BIND = 4096;
  public static final long MS_REC = 16384;
  public static final long MS_PRIVATE = 1 << 18;
  public static final long MS_SLAVE = 1 << 19;

  public static final int MNT_FORCE = 1;
  public static final int MNT_DETACH = 2;

  public static final int PR_SET_PDEATHSIG = 1;

  public static final int O_RDONLY = 0;
  public static final int O_WRONLY = 1;
  public static final int O_RDWR = 2;
  public static final int O_CLOEXEC = 0x80000;

  private Syscalls() {}

  /** Throws a SyscallException for the current errno when {@code rc} is negative. */
  public static long check(long rc, String syscall, String subject) {
    if (rc < 0) {
      throw new SyscallException(syscall, subject, Native.getLastError());
    }
    return rc;
  }

  public static void mount(String source, String target, String fstype, long flags, String data) {
    Pointer p = data == null ? null : cString(data);
    check(LibC.mount(source, target, fstype, flags, p), "mount", target);
  }

  public static void umount2(String target, int flags) {
    check(LibC.umount2(target, flags), "umount2", target);
  }

  public static void unshare(int flags) {
    check(LibC.unshare(flags), "unshare", null);
  }

  public static void setns(int fd, int nstype) {
    check(LibC.setns(fd, nstype), "setns", null);
  }

  public static int open(String path, int flags) {
    return (int) check(LibC.open(path, flags | O_CLOEXEC, 0), "open", path);
  }

  public static void close(int fd) {
    if (fd >= 0) {
      LibC.close(fd);
    }
  }

  /** Pins thread {@code tid} (0 = the calling thread) to {@code cpus}: sched_setaffinity(2). */
  public static void setAffinity(int tid, java.util.BitSet cpus) {
    byte[] mask = java.util.Arrays.copyOf(cpus.toByteArray(), Math.max(128, (cpus.length() + 7) / 8));
    check(LibC.sched_setaffinity(tid, mask.length, mask), "sched_setaffinity", "tid " + tid + " cpus " + cpus);
  }

  /** The CPUs thread {@code tid} (0 = the calling thread) may run on: sched_getaffinity(2). */
  public static java.util.BitSet affinity(int tid) {
    byte[] mask = new byte[1024]; // 8192 CPUs; the kernel writes as many bytes as its cpumask has
    check(LibC.sched_getaffinity(tid, mask.length, mask), "sched_getaffinity", "tid " + tid);
    return java.util.BitSet.valueOf(mask);
  }

  /** The calling thread's kernel thread id. */
  public static int gettid() {
    return LibC.gettid();
  }

  /** Ask the kernel to send {@code signal} to this thread's process when its parent dies. */
  public static void dieWithParent(int signal) {
    check(LibC.prctl(PR_SET_PDEATHSIG, signal, 0, 0, 0), "prctl", "PR_SET_PDEATHSIG");
  }

  /** A NUL-terminated UTF-8 copy of {@code s} in native memory. */
  public static Memory cString(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    Memory m = new Memory(b.length + 1L);
    m.write(0, b, 0, b.length);
    m.setByte(b.length, (byte) 0);
    return m;
  }
}
