package io.mountscope.probe.startups;

import io.mountscope.model.StartupsSample;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.HdrHistogram.Histogram;

/** How finished starts went since the probe started: counts, latency histogram, the last few. */
final class Outcomes {
  static final String COMPLETED = "completed";
  static final String FAILED = "failed";
  private static final int RECENT = 20;

  private final Histogram latency = new Histogram(3_600_000L, 3);
  private final Deque<StartupsSample.Finished> recent = new ArrayDeque<>();
  private long completed;
  private long failed;
  private long unknown;

  synchronized void completed(StartupsSample.Finished f) {
    completed++;
    latency.recordValue(Math.min(Math.max(0, f.latencyMillis()), latency.getHighestTrackableValue()));
    remember(f);
  }

  synchronized void failed(StartupsSample.Finished f) {
    failed++;
    remember(f);
  }

  /**
   * Starts that ended without evidence of how: in flight when containerd went away and gone when
   * it came back, or seen only in the process table and gone without a trace of the container.
   */
  synchronized void unknown(int n) {
    unknown += n;
  }

  private void remember(StartupsSample.Finished f) {
    recent.addFirst(f);
    while (recent.size() > RECENT) {
      recent.removeLast();
    }
  }

  synchronized long completedCount() {
    return completed;
  }

  synchronized long failedCount() {
    return failed;
  }

  synchronized long unknownCount() {
    return unknown;
  }

  synchronized StartupsSample.Latency latency() {
    if (latency.getTotalCount() == 0) {
      return StartupsSample.Latency.EMPTY;
    }
    return new StartupsSample.Latency(latency.getTotalCount(), Math.round(latency.getMean() * 10) / 10.0,
        latency.getValueAtPercentile(50), latency.getValueAtPercentile(90), latency.getValueAtPercentile(99),
        latency.getMaxValue());
  }

  synchronized List<StartupsSample.Finished> recent() {
    return List.copyOf(new ArrayList<>(recent));
  }
}
