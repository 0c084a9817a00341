package io.mountscope.stress;

import io.mountscope.kernel.Errno;

/** A thread's first start failed: the pattern cannot run here (or a custom step is wrong). */
final class StartFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;
  final int errno;
  /** True when the failing step comes from a custom pattern's YAML (then it is an input error). */
  final boolean custom;

  StartFailure(String step, int errno, boolean custom) {
    super(step + " failed: " + Errno.name(errno) + " (" + Errno.describe(errno) + ")");
    this.errno = errno;
    this.custom = custom;
  }
}
