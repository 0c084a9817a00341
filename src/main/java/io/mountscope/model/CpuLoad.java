package io.mountscope.model;

import java.util.ArrayList;
import java.util.List;

/**
 * How busy the CPUs were over the last tick: overall, per logical CPU (index = CPU number) and
 * per NUMA node, each as a share of the capacity (0..1).
 */
public record CpuLoad(double busyShare, List<Double> perCpu, List<NodeLoad> nodes) {

  /** Busy shares from the tick counters of two samples; null without a previous sample. */
  public static CpuLoad derive(CpuTimesSample now, CpuTimesSample before, Topology topology) {
    if (now == null || before == null) {
      return null;
    }
    int n = Math.min(now.busyTicks().length, before.busyTicks().length);
    List<Double> perCpu = new ArrayList<>(n);
    long busy = 0;
    long total = 0;
    long[] nodeBusy = new long[256];
    long[] nodeTotal = new long[256];
    for (int cpu = 0; cpu < n; cpu++) {
      long b = Math.max(0, now.busyTicks()[cpu] - before.busyTicks()[cpu]);
      long t = Math.max(0, now.totalTicks()[cpu] - before.totalTicks()[cpu]);
      perCpu.add(t > 0 ? Math.min(1.0, (double) b / t) : 0.0);
      busy += b;
      total += t;
      int node = topology == null ? 0 : topology.nodeOf(cpu);
      if (node >= 0 && node < nodeBusy.length) {
        nodeBusy[node] += b;
        nodeTotal[node] += t;
      }
    }
    List<NodeLoad> nodes = new ArrayList<>();
    if (topology != null) {
      for (NumaNode node : topology.numaNodes()) {
        int id = node.id();
        boolean known = id >= 0 && id < nodeTotal.length && nodeTotal[id] > 0;
        nodes.add(new NodeLoad(id, known ? Math.min(1.0, (double) nodeBusy[id] / nodeTotal[id]) : 0.0));
      }
    }
    return new CpuLoad(total > 0 ? Math.min(1.0, (double) busy / total) : 0.0, List.copyOf(perCpu), List.copyOf(nodes));
  }

  /** One NUMA node's busy share over the last tick. */
  public record NodeLoad(int node, double busyShare) {}
}
