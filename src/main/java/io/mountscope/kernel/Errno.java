package io.mountscope.kernel;

/** Linux errno values (the generic numbering used by x86_64 and arm64) with names and reasons. */
public final class Errno {
  public static final int EPERM = 1;
  public static final int ENOENT = 2;
  public static final int ESRCH = 3;
  public static final int EINTR = 4;
  public static final int EIO = 5;
  public static final int EBADF = 9;
  public static final int EAGAIN = 11;
  public static final int ENOMEM = 12;
  public static final int EACCES = 13;
  public static final int EFAULT = 14;
  public static final int EBUSY = 16;
  public static final int EEXIST = 17;
  public static final int EXDEV = 18;
  public static final int ENODEV = 19;
  public static final int ENOTDIR = 20;
  public static final int EISDIR = 21;
  public static final int EINVAL = 22;
  public static final int ENFILE = 23;
  public static final int EMFILE = 24;
  public static final int ENOSPC = 28;
  public static final int EROFS = 30;
  public static final int ENAMETOOLONG = 36;
  public static final int ENOSYS = 38;
  public static final int ELOOP = 40;
  public static final int EOPNOTSUPP = 95;
  public static final int EOVERFLOW = 75;
  public static final int E2BIG = 7;

  private static final String[][] TABLE = new String[134][];

  static {
    def(EPERM, "EPERM", "operation not permitted: needs root or CAP_SYS_ADMIN");
    def(ENOENT, "ENOENT", "no such file or directory");
    def(ESRCH, "ESRCH", "no such process");
    def(EINTR, "EINTR", "interrupted system call");
    def(EIO, "EIO", "input/output error");
    def(E2BIG, "E2BIG", "argument list too long");
    def(EBADF, "EBADF", "bad file descriptor");
    def(EAGAIN, "EAGAIN", "resource temporarily unavailable");
    def(ENOMEM, "ENOMEM", "out of memory");
    def(EACCES, "EACCES", "permission denied");
    def(EFAULT, "EFAULT", "bad address");
    def(EBUSY, "EBUSY", "device or resource busy");
    def(EEXIST, "EEXIST", "file exists");
    def(EXDEV, "EXDEV", "cross-device link or mount namespace boundary");
    def(ENODEV, "ENODEV", "no such device: filesystem type or event not known to this kernel");
    def(ENOTDIR, "ENOTDIR", "not a directory");
    def(EISDIR, "EISDIR", "is a directory");
    def(EINVAL, "EINVAL", "invalid argument");
    def(ENFILE, "ENFILE", "too many open files in system");
    def(EMFILE, "EMFILE", "too many open files");
    def(ENOSPC, "ENOSPC", "no space left, or mount table full (fs.mount-max)");
    def(EROFS, "EROFS", "read-only file system");
    def(ENAMETOOLONG, "ENAMETOOLONG", "file name too long");
    def(ENOSYS, "ENOSYS", "system call not implemented by this kernel");
    def(ELOOP, "ELOOP", "too many levels of symbolic links");
    def(EOVERFLOW, "EOVERFLOW", "value too large");
    def(EOPNOTSUPP, "EOPNOTSUPP", "operation not supported");
  }

  private Errno() {}

  private static void def(int errno, String name, String reason) {
    TABLE[errno] = new String[] {name, reason};
  }

  public static String name(int errno) {
    return errno > 0 && errno < TABLE.length && TABLE[errno] != null ? TABLE[errno][0] : "errno " + errno;
  }

  public static String describe(int errno) {
    return errno > 0 && errno < TABLE.length && TABLE[errno] != null ? TABLE[errno][1] : "unknown error";
  }
}
