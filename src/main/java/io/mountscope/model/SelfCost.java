package io.mountscope.model;

/** The console's own cost: share of one CPU used since the previous tick, and resident memory. */
public record SelfCost(double cpuShare, long rssBytes) {}
