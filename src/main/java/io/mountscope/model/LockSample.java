package io.mountscope.model;

import java.util.List;

/**
 * Raw lock-contention aggregates as read in one tick: cumulative rows (per caller and lock type,
 * since the tracer started) and events the kernel dropped because the ring buffers were full.
 */
public record LockSample(List<LockTable.Row> rows, long lostEvents) {}
