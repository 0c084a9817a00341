package io.mountscope.model;

/**
 * Raw cost of mountscope itself in one tick, cumulative since it started: CPU time of its threads,
 * resident memory, the mount-table syscalls it issued (listmount, statmount, and any mount calls
 * of its own) and the bytes of mountinfo it read.
 */
public record SelfSample(long cpuNanos, long rssBytes, long mountSyscalls, long mountinfoBytes) {

  /** CPU and memory only (older recordings, tests). */
  public SelfSample(long cpuNanos, long rssBytes) {
    this(cpuNanos, rssBytes, 0, 0);
  }
}
