package io.mountscope.kernel;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;

/**
 * The mount syscalls with raw native addresses for their strings and structs, for hot loops that
 * encode their arguments once (the storm engine): no String conversion, no allocation, and each
 * call through glibc's own wrapper with its exact arity, which JNA dispatches faster than the
 * seven-argument syscall(2). glibc before 2.36 lacks the new mount API wrappers; then those go
 * through syscall(2). Return values and errno as the C calls: -1 and Native.getLastError().
 */
public final class MountSyscalls {
  private static final boolean WRAPPED = Glibc236.AVAILABLE;

  private MountSyscalls() {}

  public static int mount(long source, long target, long fstype, long flags, long data) {
    return Legacy.mount(source, target, fstype, flags, data);
  }

  public static int umount2(long target, int flags) {
    return Legacy.umount2(target, flags);
  }

  public static int close(int fd) {
    return Legacy.close(fd);
  }

  public static int openTree(int dfd, long path, int flags) {
    return WRAPPED ? Glibc236.open_tree(dfd, path, flags)
        : (int) LibC.syscall(SyscallNumbers.OPEN_TREE, dfd, path, flags, 0, 0, 0);
  }

  public static int mountSetattr(int dfd, long path, int flags, long attr, long size) {
    return WRAPPED ? Glibc236.mount_setattr(dfd, path, flags, attr, size)
        : (int) LibC.syscall(SyscallNumbers.MOUNT_SETATTR, dfd, path, flags, attr, size, 0);
  }

  public static int moveMount(int fromDfd, long fromPath, int toDfd, long toPath, int flags) {
    return WRAPPED ? Glibc236.move_mount(fromDfd, fromPath, toDfd, toPath, flags)
        : (int) LibC.syscall(SyscallNumbers.MOVE_MOUNT, fromDfd, fromPath, toDfd, toPath, flags, 0);
  }

  public static int fsopen(long fsname, int flags) {
    return WRAPPED ? Glibc236.fsopen(fsname, flags) : (int) LibC.syscall(SyscallNumbers.FSOPEN, fsname, flags, 0, 0, 0, 0);
  }

  public static int fsconfig(int fd, int cmd, long key, long value, int aux) {
    return WRAPPED ? Glibc236.fsconfig(fd, cmd, key, value, aux)
        : (int) LibC.syscall(SyscallNumbers.FSCONFIG, fd, cmd, key, value, aux, 0);
  }

  public static int fsmount(int fd, int flags, int attrFlags) {
    return WRAPPED ? Glibc236.fsmount(fd, flags, attrFlags) : (int) LibC.syscall(SyscallNumbers.FSMOUNT, fd, flags, attrFlags, 0, 0, 0);
  }

  /** The classic calls, present in every glibc. */
  private static final class Legacy {
    static {
      Native.register(Legacy.class, NativeLibrary.getInstance("c"));
    }

    static native int mount(long source, long target, long fstype, long flags, long data);

    static native int umount2(long target, int flags);

    static native int close(int fd);
  }

  /** glibc 2.36's wrappers of the new mount API; AVAILABLE is false where they are missing. */
  private static final class Glibc236 {
    static final boolean AVAILABLE = register();

    private static boolean register() {
      try {
        Native.register(Glibc236.class, NativeLibrary.getInstance("c"));
        return true;
      } catch (UnsatisfiedLinkError e) {
        return false;
      }
    }

    static native int open_tree(int dfd, long path, int flags);

    static native int mount_setattr(int dfd, long path, int flags, long attr, long size);

    static native int move_mount(int fromDfd, long fromPath, int toDfd, long toPath, int flags);

    static native int fsopen(long fsname, int flags);

    static native int fsconfig(int fd, int cmd, long key, long value, int aux);

    static native int fsmount(int fd, int flags, int attrFlags);
  }
}
