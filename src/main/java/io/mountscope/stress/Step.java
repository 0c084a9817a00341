package io.mountscope.stress;

import io.mountscope.kernel.Syscalls;

/**
 * One system call of a container start, with its arguments as paths and flags. A start is a list
 * of steps ({@link StartPlan}); {@link NativeProgram} encodes them once into native memory. The new
 * mount API steps work on two descriptor registers: the detached tree and the filesystem context.
 */
public sealed interface Step {
  /** The counted syscall this step issues, or null for close(2). */
  SyscallKind kind();

  /** Whether a successful call adds a mount to the namespace (the thing a start must undo). */
  default boolean createsMount() {
    return false;
  }

  /** The mount point this step mounts on or unmounts, or null. */
  default String mountPoint() {
    return null;
  }

  /** mount(2): a bind, an overlay, a tmpfs, a remount or a propagation change. */
  record Mount(String source, String target, String fstype, long flags, String data) implements Step {
    static final long NO_NEW_MOUNT = 32 /* MS_REMOUNT */ | Syscalls.MS_PRIVATE | Syscalls.MS_SLAVE
        | (1 << 20) /* MS_SHARED */ | (1 << 17) /* MS_UNBINDABLE */;

    @Override
    public SyscallKind kind() {
      return SyscallKind.MOUNT;
    }

    @Override
    public boolean createsMount() {
      return (flags & NO_NEW_MOUNT) == 0;
    }

    @Override
    public String mountPoint() {
      return target;
    }
  }

  /** umount2(2). */
  record Umount(String target, int flags) implements Step {
    @Override
    public SyscallKind kind() {
      return SyscallKind.UMOUNT;
    }

    @Override
    public String mountPoint() {
      return target;
    }
  }

  /** open_tree(AT_FDCWD, path, flags) into the tree register. */
  record OpenTree(String path, int flags) implements Step {
    @Override
    public SyscallKind kind() {
      return SyscallKind.OPEN_TREE;
    }
  }

  /** mount_setattr on the tree register; {@code userns} passes the thread's user namespace fd. */
  record SetAttr(long attrSet, long attrClr, long propagation, boolean userns) implements Step {
    @Override
    public SyscallKind kind() {
      return SyscallKind.MOUNT_SETATTR;
    }
  }

  /** move_mount of the tree register onto target. */
  record MoveMount(String target) implements Step {
    @Override
    public SyscallKind kind() {
      return SyscallKind.MOVE_MOUNT;
    }

    @Override
    public boolean createsMount() {
      return true;
    }

    @Override
    public String mountPoint() {
      return target;
    }
  }

  /** fsopen(fstype) into the context register. */
  record FsOpen(String fstype) implements Step {
    @Override
    public SyscallKind kind() {
      return SyscallKind.FSOPEN;
    }
  }

  /** fsconfig(FSCONFIG_SET_STRING key=value), or FSCONFIG_SET_FLAG when value is null. */
  record FsConfig(String key, String value) implements Step {
    @Override
    public SyscallKind kind() {
      return SyscallKind.FSCONFIG;
    }
  }

  /** fsconfig(FSCONFIG_CMD_CREATE) on the context register. */
  record FsCreate() implements Step {
    @Override
    public SyscallKind kind() {
      return SyscallKind.FSCONFIG;
    }
  }

  /** fsmount of the context register into the tree register. */
  record FsMount(long attrs) implements Step {
    @Override
    public SyscallKind kind() {
      return SyscallKind.FSMOUNT;
    }
  }

  /** close(2) of the tree register. */
  record CloseTree() implements Step {
    @Override
    public SyscallKind kind() {
      return null;
    }
  }

  /** close(2) of the context register. */
  record CloseContext() implements Step {
    @Override
    public SyscallKind kind() {
      return null;
    }
  }
}
