package io.mountscope.model;

/**
 * Raw per-CPU time from /proc/stat as read in one tick, in clock ticks since boot (index = CPU
 * number; an offline CPU reads 0): busy (everything but idle and iowait) and total.
 */
public record CpuTimesSample(long[] busyTicks, long[] totalTicks) {}
