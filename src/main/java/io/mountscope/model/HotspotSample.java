package io.mountscope.model;

import java.util.Map;

/** Raw CPU samples as read in one tick: cumulative sample counts per kernel symbol. */
public record HotspotSample(long totalSamples, Map<String, Long> symbolSamples) {}
