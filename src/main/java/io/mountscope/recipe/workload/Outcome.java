package io.mountscope.recipe.workload;

import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * What one workload run measured: the latency of each operation (nanoseconds), how many failed,
 * how long it ran, throughput per second and its unit, what it ran with, and for mountinfo runs
 * the size of the table read.
 */
public record Outcome(Histogram histogram, long failed, double seconds, double throughput, String unit,
    Map<String, Object> settings, Long tableSize) {}
