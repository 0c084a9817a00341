package io.mountscope.kernel;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;

/**
 * The new mount API (Linux 5.2+, mount_setattr 5.12+): open_tree, mount_setattr, move_mount,
 * fsopen/fsconfig/fsmount. These are the calls containerd's idmapped layer mounts issue.
 */
public final class MountApi {
  public static final int AT_FDCWD = -100;
  public static final int AT_EMPTY_PATH = 0x1000;
  public static final int AT_RECURSIVE = 0x8000;
  public static final int OPEN_TREE_CLONE = 1;
  public static final int OPEN_TREE_CLOEXEC = 0x80000;
  public static final int MOVE_MOUNT_F_EMPTY_PATH = 0x4;
  public static final long MOUNT_ATTR_RDONLY = 0x1;
  public static final long MOUNT_ATTR_NOSUID = 0x2;
  public static final long MOUNT_ATTR_NODEV = 0x4;
  public static final long MOUNT_ATTR_IDMAP = 0x00100000;
  public static final int FSOPEN_CLOEXEC = 0x1;
  public static final int FSMOUNT_CLOEXEC = 0x1;
  public static final int FSCONFIG_SET_FLAG = 0;
  public static final int FSCONFIG_SET_STRING = 1;
  public static final int FSCONFIG_CMD_CREATE = 6;
  /** sizeof(struct mount_attr): attr_set, attr_clr, propagation, userns_fd, all u64. */
  public static final int MOUNT_ATTR_SIZE_VER0 = 32;

  private static final Pointer EMPTY = Syscalls.cString("");

  private MountApi() {}

  /** open_tree(AT_FDCWD, path, flags): a detached clone of the mount at path when OPEN_TREE_CLONE. */
  public static int openTree(String path, int flags) {
    Memory p = Syscalls.cString(path);
    return (int) Syscalls.check(
        LibC.syscall(SyscallNumbers.OPEN_TREE, AT_FDCWD, Pointer.nativeValue(p), flags, 0, 0, 0),
        "open_tree", path);
  }

  /** mount_setattr(fd, "", AT_EMPTY_PATH | extraFlags, attr) with a version-0 struct mount_attr. */
  public static void setAttr(int fd, int extraFlags, long attrSet, long attrClr, long propagation, long usernsFd) {
    Memory attr = new Memory(MOUNT_ATTR_SIZE_VER0);
    attr.setLong(0, attrSet);
    attr.setLong(8, attrClr);
    attr.setLong(16, propagation);
    attr.setLong(24, usernsFd);
    Syscalls.check(LibC.syscall(SyscallNumbers.MOUNT_SETATTR, fd, Pointer.nativeValue(EMPTY),
        AT_EMPTY_PATH | extraFlags, Pointer.nativeValue(attr), MOUNT_ATTR_SIZE_VER0, 0),
        "mount_setattr", "fd " + fd);
  }

  /** Make the detached mount {@code fd} idmapped through the user namespace {@code usernsFd}. */
  public static void idmap(int fd, int usernsFd, boolean readOnly) {
    setAttr(fd, 0, MOUNT_ATTR_IDMAP | (readOnly ? MOUNT_ATTR_RDONLY : 0), 0, 0, usernsFd);
  }

  /** move_mount(fd, "", AT_FDCWD, target, MOVE_MOUNT_F_EMPTY_PATH): attach a detached mount. */
  public static void moveMount(int fd, String target) {
    Memory t = Syscalls.cString(target);
    Syscalls.check(LibC.syscall(SyscallNumbers.MOVE_MOUNT, fd, Pointer.nativeValue(EMPTY), AT_FDCWD,
        Pointer.nativeValue(t), MOVE_MOUNT_F_EMPTY_PATH, 0), "move_mount", target);
  }

  /** fsopen(fsname, FSOPEN_CLOEXEC): a filesystem context. */
  public static int fsopen(String fsname) {
    Memory n = Syscalls.cString(fsname);
    return (int) Syscalls.check(
        LibC.syscall(SyscallNumbers.FSOPEN, Pointer.nativeValue(n), FSOPEN_CLOEXEC, 0, 0, 0, 0),
        "fsopen", fsname);
  }

  /** fsconfig(fd, FSCONFIG_SET_STRING, key, value, 0). */
  public static void fsconfigString(int fd, String key, String value) {
    Memory k = Syscalls.cString(key);
    Memory v = Syscalls.cString(value);
    Syscalls.check(LibC.syscall(SyscallNumbers.FSCONFIG, fd, FSCONFIG_SET_STRING, Pointer.nativeValue(k),
        Pointer.nativeValue(v), 0, 0), "fsconfig", key);
  }

  /** fsconfig(fd, FSCONFIG_CMD_CREATE): create the superblock. */
  public static void fsconfigCreate(int fd) {
    Syscalls.check(LibC.syscall(SyscallNumbers.FSCONFIG, fd, FSCONFIG_CMD_CREATE, 0, 0, 0, 0),
        "fsconfig", "FSCONFIG_CMD_CREATE");
  }

  /** fsmount(fd, FSMOUNT_CLOEXEC, attrs): a detached mount of the created superblock. */
  public static int fsmount(int fd, long attrs) {
    return (int) Syscalls.check(LibC.syscall(SyscallNumbers.FSMOUNT, fd, FSMOUNT_CLOEXEC, attrs, 0, 0, 0),
        "fsmount", null);
  }
}
