package io.mountscope.kernel;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;

/**
 * Direct-mapped libc entry points. Direct mapping (static natives registered once) is several
 * times cheaper per call than interface mapping, which matters for the storm engine's hot loop.
 * Raw calls return -1 and leave errno in {@link Native#getLastError()}; callers go through
 * {@link Syscalls}, which turns that into a {@link SyscallException}.
 */
public final class LibC {
  static {
    Native.register(LibC.class, NativeLibrary.getInstance("c"));
  }

  private LibC() {}

  /** syscall(2) with a fixed arity: glibc's syscall() reads all six argument registers. */
  public static native long syscall(long number, long a1, long a2, long a3, long a4, long a5, long a6);

  public static native int mount(String source, String target, String fstype, long flags, Pointer data);

  public static native int umount2(String target, int flags);

  public static native int unshare(int flags);

  public static native int setns(int fd, int nstype);

  public static native int prctl(int option, long arg2, long arg3, long arg4, long arg5);

  public static native int sched_setaffinity(int pid, long cpusetsize, byte[] mask);

  public static native int sched_getaffinity(int pid, long cpusetsize, byte[] mask);

  public static native int open(String path, int flags, int mode);

  public static native int close(int fd);

  public static native long read(int fd, Pointer buf, long count);

  public static native long read(int fd, byte[] buf, long count);

  public static native long write(int fd, byte[] buf, long count);

  public static native int ioctl(int fd, long request, long arg);

  public static native Pointer mmap(Pointer addr, long length, int prot, int flags, int fd, long offset);

  public static native int munmap(Pointer addr, long length);

  public static native int poll(Pointer fds, long nfds, int timeout);

  /** eventfd(2): a counter another thread can write to wake a poll(2). */
  public static native int eventfd(int initval, int flags);

  public static final int EFD_NONBLOCK = 0x800;
  public static final int EFD_CLOEXEC = 0x80000;

  public static native int isatty(int fd);

  /** signal(2); pass {@link #SIG_IGN} to ignore a signal (the JVM only handles it for shutdown). */
  public static native long signal(int signum, long handler);

  public static final long SIG_IGN = 1;
  public static final int SIGINT = 2;
  public static final int SIGKILL = 9;
  public static final int SIGTERM = 15;

  public static native int getpagesize();

  /** getrusage(2); {@code usage} points at a struct rusage (144 bytes on 64-bit). */
  public static native int getrusage(int who, Pointer usage);

  public static native int gettid();

  public static native int geteuid();
}
