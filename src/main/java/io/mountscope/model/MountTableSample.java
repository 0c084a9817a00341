package io.mountscope.model;

/** Raw read of the mount table in one tick: mount count, time and bytes to read mountinfo. */
public record MountTableSample(long mounts, long readNanos, long bytesRead) {}
