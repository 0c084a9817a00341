package io.mountscope.kernel;

/** A failed system call: which call, on what, the errno, and a readable reason. */
public class SyscallException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String syscall;
  private final int errno;

  public SyscallException(String syscall, String subject, int errno) {
    super(syscall + (subject == null || subject.isEmpty() ? "" : "(" + subject + ")")
        + " failed: " + Errno.name(errno) + " (" + Errno.describe(errno) + ")");
    this.syscall = syscall;
    this.errno = errno;
  }

  public String syscall() {
    return syscall;
  }

  public int errno() {
    return errno;
  }

  /** The symbolic errno, e.g. "EPERM". */
  public String errnoName() {
    return Errno.name(errno);
  }

  /** True when the failure means a missing privilege rather than bad arguments. */
  public boolean isPermission() {
    return errno == Errno.EPERM || errno == Errno.EACCES;
  }
}
