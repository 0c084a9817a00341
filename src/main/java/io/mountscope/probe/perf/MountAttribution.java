package io.mountscope.probe.perf;

import io.mountscope.kernel.perf.CpuRings;
import io.mountscope.kernel.perf.PerfEventAttr;
import io.mountscope.kernel.perf.PerfSample;
import io.mountscope.model.MountCounters.ProcessCount;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which processes issue mount syscalls: a sampling event with period 1 on each mount-syscall
 * tracepoint and CPU, recording only the identifier and pid/tid, so every syscall leaves one
 * 24-byte record. The first event of each CPU also asks for COMM records, so a short-lived
 * process is named even after it exits.
 */
final class MountAttribution extends RingCollector {
  static final long SAMPLE_TYPE = PerfEventAttr.SAMPLE_IDENTIFIER | PerfEventAttr.SAMPLE_TID;
  private static final int MAX_PROCESSES = 4096;
  private static final int OTHERS = -1;

  private final ProcessNames names = new ProcessNames();
  private final Map<Integer, long[]> counts = new HashMap<>();
  private final Map<Integer, String> comms = new HashMap<>();

  MountAttribution(List<Integer> cpus, List<String> kinds, List<Integer> tracepointIds) {
    List<CpuRings.Spec> specs = new ArrayList<>();
    for (int i = 0; i < kinds.size(); i++) {
      PerfEventAttr a = PerfEventAttr.tracepoint(tracepointIds.get(i)).period(1).sampleType(SAMPLE_TYPE)
          .set(PerfEventAttr.SAMPLE_ID_ALL).wakeupWatermark(64 << 10);
      if (i == 0) {
        a.set(PerfEventAttr.COMM | PerfEventAttr.COMM_EXEC);
      }
      specs.add(new CpuRings.Spec("syscalls:sys_enter_" + kinds.get(i) + " (attribution)", a));
    }
    long perCpu = Math.max(128L << 10, Math.min(1L << 20, (32L << 20) / cpus.size()));
    attach(CpuRings.open(cpus, specs, CpuRings.pagesFor(perCpu)), SAMPLE_TYPE, "mount-attribution");
  }

  @Override
  public void sample(PerfSample s) {
    int pid = s.pid();
    long[] c = counts.get(pid);
    if (c == null) {
      if (counts.size() >= MAX_PROCESSES) {
        foldSmallest();
      }
      c = new long[1];
      counts.put(pid, c);
      comms.put(pid, names.of(pid));
    }
    c[0]++;
  }

  @Override
  public void comm(int pid, int tid, String comm, boolean exec) {
    // Only execs: a rename (prctl) and the exec that follows can sit in different CPUs' rings and
    // be read in either order; /proc/PID/comm at first sight catches renames of live processes.
    if (!exec) {
      return;
    }
    names.reported(pid, tid, comm);
    if (pid == tid && comms.containsKey(pid)) {
      comms.put(pid, comm); // a counted process that execs shows its new name, as ps would
    }
  }

  /** Keeps the map bounded on a node with endless short-lived mounters: the least active half becomes one row. */
  private void foldSmallest() {
    List<Map.Entry<Integer, long[]>> entries = new ArrayList<>(counts.entrySet());
    entries.removeIf(e -> e.getKey() == OTHERS);
    entries.sort(Comparator.comparingLong(e -> e.getValue()[0]));
    long[] others = counts.computeIfAbsent(OTHERS, k -> new long[1]);
    comms.put(OTHERS, "[others]");
    for (int i = 0; i < entries.size() / 2; i++) {
      others[0] += entries.get(i).getValue()[0];
      counts.remove(entries.get(i).getKey());
      comms.remove(entries.get(i).getKey());
    }
  }

  /** Drains, then the processes by count, most active first. */
  synchronized List<ProcessCount> processes() {
    drain();
    List<ProcessCount> out = new ArrayList<>(counts.size());
    counts.forEach((pid, c) -> out.add(new ProcessCount(pid, comms.getOrDefault(pid, ":" + pid), c[0])));
    out.sort(Comparator.comparingLong(ProcessCount::count).reversed().thenComparingInt(ProcessCount::pid));
    return out;
  }

}
