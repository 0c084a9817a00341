package io.mountscope.model;

/** Raw cost of mountscope itself in one tick: cumulative CPU time of its threads and its RSS. */
public record SelfSample(long cpuNanos, long rssBytes) {}
