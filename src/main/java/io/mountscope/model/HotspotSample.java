package io.mountscope.model;

import java.util.Map;

/**
 * Raw CPU samples as read in one tick, cumulative since the sampler started: the number of
 * samples, per CPU the leaf kernel symbol of each sample (self time), the folded kernel stacks
 * ("outer;...;leaf" -> count, for totals and flame graphs; bounded by the sampler), and samples
 * the ring buffer lost.
 */
public record HotspotSample(
    long totalSamples,
    Map<Integer, Map<String, Long>> cpuSymbolSamples,
    Map<String, Long> foldedStacks,
    long lostSamples) {}
