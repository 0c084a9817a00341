package io.mountscope.model;

/**
 * The console's own cost: share of one CPU used since the previous tick, resident memory, and how
 * much it adds to the mount locks (mount-table syscalls and mountinfo bytes, cumulative and per
 * second).
 */
public record SelfCost(
    double cpuShare,
    long rssBytes,
    long mountSyscalls,
    double mountSyscallsPerSecond,
    long mountinfoBytesRead,
    double mountinfoBytesPerSecond) {

  /** Shares and rates against the previous tick (zero without it). */
  public static SelfCost derive(SelfSample now, SelfSample before, double seconds) {
    if (now == null) {
      return null;
    }
    boolean rates = before != null && seconds > 0;
    return new SelfCost(
        rates ? Math.max(0, now.cpuNanos() - before.cpuNanos()) / 1e9 / seconds : 0,
        now.rssBytes(),
        now.mountSyscalls(),
        rates ? Math.max(0, now.mountSyscalls() - before.mountSyscalls()) / seconds : 0,
        now.mountinfoBytes(),
        rates ? Math.max(0, now.mountinfoBytes() - before.mountinfoBytes()) / seconds : 0);
  }
}
