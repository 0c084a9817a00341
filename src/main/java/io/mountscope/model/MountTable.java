package io.mountscope.model;

/** The mount table as shown: size, growth since the previous tick, and mountinfo read cost. */
public record MountTable(long mounts, double growthPerSecond, double readMillis, long bytesRead) {}
