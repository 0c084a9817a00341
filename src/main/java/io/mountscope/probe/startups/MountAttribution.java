package io.mountscope.probe.startups;

import io.mountscope.model.MountCounters;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Attributes mount syscalls to container starts: the cumulative per-process counts of the mount
 * activity probe, summed over the start's shim, runtime and init processes, counting only what
 * each issued since the start began. A process born during the start counts from zero; one that
 * existed before (a pod's shim, which mounts the rootfs before it runs runc) counts from its
 * value at the last tick before the start began, which is why the counts of recent ticks are
 * kept. A process that exits keeps its last count, so a finished runc still adds up.
 */
final class MountAttribution {
  private static final long HISTORY_MILLIS = 120_000;

  private record Tick(long timeMillis, Map<Integer, Long> counts) {}

  private final Deque<Tick> history = new ArrayDeque<>();
  /** Per start, per pid: {baseline, last seen}. */
  private final Map<String, Map<Integer, long[]>> starts = new HashMap<>();
  private Map<Integer, Long> latest;

  /** Takes this tick's counters; null when the mount activity probe is off. */
  void observe(MountCounters counters, long timeMillis) {
    if (counters == null || counters.processes() == null) {
      latest = null;
      return;
    }
    Map<Integer, Long> counts = new HashMap<>();
    for (MountCounters.ProcessCount c : counters.processes()) {
      counts.merge(c.pid(), c.count(), Math::max);
    }
    latest = counts;
    history.addLast(new Tick(timeMillis, counts));
    while (!history.isEmpty() && history.peekFirst().timeMillis() < timeMillis - HISTORY_MILLIS) {
      history.removeFirst();
    }
  }

  /** The mount syscalls of start {@code key} so far, or null when there are no counters. */
  Long update(String key, long startedMillis, Collection<ProcessTable.Proc> procs) {
    if (latest == null) {
      return null;
    }
    Map<Integer, long[]> pids = starts.computeIfAbsent(key, k -> new HashMap<>());
    for (ProcessTable.Proc p : procs) {
      long now = latest.getOrDefault(p.pid(), 0L);
      long[] seen = pids.get(p.pid());
      if (seen == null) {
        // /proc start times have 10 ms steps and containerd stamps its event after the container
        // record exists: a second of slack keeps the start's own shim on the right side.
        boolean bornDuringStart = p.startMillis() >= startedMillis - 1000;
        pids.put(p.pid(), new long[] {bornDuringStart ? 0 : countAt(p.pid(), startedMillis), now});
      } else {
        seen[1] = Math.max(seen[1], now);
      }
    }
    long total = 0;
    for (long[] seen : pids.values()) {
      total += Math.max(0, seen[1] - seen[0]);
    }
    return total;
  }

  /** The pid's count at the last tick at or before {@code timeMillis} (the oldest kept if none). */
  private long countAt(int pid, long timeMillis) {
    Tick best = history.peekFirst();
    for (Tick t : history) {
      if (t.timeMillis() <= timeMillis) {
        best = t;
      }
    }
    return best == null ? 0 : best.counts().getOrDefault(pid, 0L);
  }

  /** Forgets starts that are no longer in flight. */
  void retain(Set<String> keys) {
    starts.keySet().retainAll(keys);
  }
}
