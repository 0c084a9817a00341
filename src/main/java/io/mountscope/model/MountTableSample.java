package io.mountscope.model;

import java.util.List;
import java.util.Map;

/**
 * Raw view of the mount table in one tick. {@code mounts} is counted every tick ("listmount" where
 * the kernel has it, else by reading mountinfo); the full mountinfo read, its cost, the breakdowns,
 * namespaces and leak candidates come from the last full read, made at {@code detailMonotonicNanos}
 * (the probe reads the whole table only as often as its cost budget allows).
 *
 * @param mounts mounts in mountscope's mount namespace, this tick
 * @param countedBy "listmount" or "mountinfo"
 * @param readNanos time the last full read of /proc/self/mountinfo took
 * @param bytesRead bytes of that read
 * @param detailMonotonicNanos System.nanoTime() of that read
 * @param byFsType mounts per filesystem type, from that read
 * @param byKind mounts per {@link MountKind} JSON name, from that read
 * @param namespaces mount namespaces on the node (distinct /proc/[pid]/ns/mnt)
 * @param tracked mounts watched for leaks: idmapped temporary mounts and mounts whose target is gone
 */
public record MountTableSample(
    long mounts,
    String countedBy,
    long readNanos,
    long bytesRead,
    long detailMonotonicNanos,
    Map<String, Long> byFsType,
    Map<String, Long> byKind,
    List<Namespace> namespaces,
    List<Tracked> tracked) {

  /** A count of mounts from mountinfo alone, without breakdowns (older recordings, tests). */
  public MountTableSample(long mounts, long readNanos, long bytesRead) {
    this(mounts, "mountinfo", readNanos, bytesRead, 0, Map.of(), Map.of(), List.of(), List.of());
  }

  /**
   * A mount namespace: its inode (as in "mnt:[4026531841]"), its mounts (-1 when not counted
   * within the budget), the processes in it, and one of their names.
   */
  public record Namespace(long id, long mounts, int processes, String example) {}

  /**
   * A mount that may be a leak: its mountinfo id, target, filesystem type, kind, when this probe
   * first saw it (epoch milliseconds), and whether its target path still resolves.
   */
  public record Tracked(long mountId, String target, String fsType, String kind, long firstSeenMillis,
      boolean targetExists) {}
}
