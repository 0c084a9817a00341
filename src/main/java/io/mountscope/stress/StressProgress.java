package io.mountscope.stress;

/**
 * A storm in flight, a few times a second: the phase ("setup", "warmup" or "storm"), seconds into
 * it, starts so far (successful and failed), the rate over the last interval, and the share done
 * (0..1, by starts or by time).
 */
public record StressProgress(String phase, double elapsedSeconds, long starts, long failedStarts,
    double startsPerSecond, double fraction) {}
