package io.mountscope.model;

import java.util.List;
import java.util.Map;

/**
 * Raw mount-syscall counts as read in one tick: cumulative since the probe started, per syscall
 * kind ("mount", "umount", "open_tree", "move_mount", "mount_setattr", "fsmount", "fsopen") and
 * per CPU (index = CPU number), and per issuing process. {@code perCpu} is exact (counting
 * events); {@code processes} comes from sampled records, and {@code lostRecords} says how many of
 * those the kernel dropped (0 means the per-process counts are exact too).
 */
public record MountCounters(Map<String, long[]> perCpu, List<ProcessCount> processes, long lostRecords) {

  public MountCounters(Map<String, long[]> perCpu, List<ProcessCount> processes) {
    this(perCpu, processes, 0);
  }

  /** Cumulative mount syscalls attributed to one process. */
  public record ProcessCount(int pid, String comm, long count) {}
}
