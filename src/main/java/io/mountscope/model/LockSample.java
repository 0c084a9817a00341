package io.mountscope.model;

import java.util.List;

/** Raw lock-contention aggregates as read in one tick: cumulative rows and lost events. */
public record LockSample(List<LockTable.Row> rows, long lostEvents) {}
