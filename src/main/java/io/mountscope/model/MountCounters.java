package io.mountscope.model;

import java.util.List;
import java.util.Map;

/**
 * Raw mount-syscall counts as read in one tick: cumulative since the probe started, per syscall
 * kind ("mount", "umount", "open_tree", "move_mount", "mount_setattr", "fsmount", "fsopen") and
 * per CPU (index = CPU number), and per issuing process.
 */
public record MountCounters(Map<String, long[]> perCpu, List<ProcessCount> processes) {

  /** Cumulative mount syscalls attributed to one process. */
  public record ProcessCount(int pid, String comm, long count) {}
}
