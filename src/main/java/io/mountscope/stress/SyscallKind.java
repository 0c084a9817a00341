package io.mountscope.stress;

/** The mount-related system calls a storm issues and counts, in the order reports list them. */
public enum SyscallKind {
  MOUNT("mount"),
  UMOUNT("umount"),
  OPEN_TREE("open_tree"),
  MOUNT_SETATTR("mount_setattr"),
  MOVE_MOUNT("move_mount"),
  FSOPEN("fsopen"),
  FSCONFIG("fsconfig"),
  FSMOUNT("fsmount");

  private final String syscall;

  SyscallKind(String syscall) {
    this.syscall = syscall;
  }

  /** The name the kernel's tracepoints use (syscalls:sys_enter_NAME) and the JSON field. */
  public String syscall() {
    return syscall;
  }
}
