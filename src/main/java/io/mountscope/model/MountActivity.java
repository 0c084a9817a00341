package io.mountscope.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Mount syscall activity: cumulative counters per syscall kind since the probe started, rates per
 * second over the last tick (per kind, in total, and per NUMA node from the CPU each call ran
 * on), and the processes issuing the most mount syscalls.
 */
public record MountActivity(
    Map<String, Long> counters,
    Map<String, Double> rates,
    double totalRate,
    List<NodeRate> perNode,
    List<ProcessRate> topProcesses) {

  /** How many processes {@code topProcesses} lists at most. */
  public static final int TOP_PROCESSES = 10;

  /**
   * Counters summed over CPUs; rates per second against the previous tick (zero without one);
   * per-node rates through {@code topology} (one node -1 when the topology is unknown).
   */
  public static MountActivity derive(MountCounters now, MountCounters before, double seconds, Topology topology) {
    if (now == null) {
      return null;
    }
    Map<String, Long> counters = new LinkedHashMap<>();
    Map<String, Double> rates = new LinkedHashMap<>();
    Map<Integer, Map<String, Double>> byNode = new TreeMap<>();
    if (topology != null) {
      topology.numaNodes().forEach(n -> byNode.put(n.id(), new LinkedHashMap<>()));
    }
    double total = 0;
    for (Map.Entry<String, long[]> e : now.perCpu().entrySet()) {
      String kind = e.getKey();
      long[] cpus = e.getValue();
      long[] prev = before == null ? null : before.perCpu().get(kind);
      long sum = 0;
      double kindRate = 0;
      for (int cpu = 0; cpu < cpus.length; cpu++) {
        sum += cpus[cpu];
        long delta = prev == null || cpu >= prev.length ? 0 : Math.max(0, cpus[cpu] - prev[cpu]);
        double rate = seconds > 0 && prev != null ? delta / seconds : 0;
        kindRate += rate;
        int node = topology == null ? -1 : topology.nodeOf(cpu);
        byNode.computeIfAbsent(node, k -> new LinkedHashMap<>()).merge(kind, rate, Double::sum);
      }
      counters.put(kind, sum);
      rates.put(kind, kindRate);
      total += kindRate;
    }
    List<NodeRate> perNode = new ArrayList<>();
    byNode.forEach((node, r) -> perNode.add(
        new NodeRate(node, r.values().stream().mapToDouble(Double::doubleValue).sum(), Collections.unmodifiableMap(r))));
    return new MountActivity(counters, rates, total, List.copyOf(perNode), top(now, before, seconds));
  }

  private static List<ProcessRate> top(MountCounters now, MountCounters before, double seconds) {
    Map<Integer, MountCounters.ProcessCount> prev = new HashMap<>();
    if (before != null) {
      before.processes().forEach(p -> prev.put(p.pid(), p));
    }
    List<ProcessRate> all = new ArrayList<>();
    for (MountCounters.ProcessCount p : now.processes()) {
      MountCounters.ProcessCount was = prev.get(p.pid());
      // A reused pid with another command starts from zero.
      long base = was != null && was.comm().equals(p.comm()) ? was.count() : 0;
      double rate = before != null && seconds > 0 ? Math.max(0, p.count() - base) / seconds : 0;
      all.add(new ProcessRate(p.pid(), p.comm(), rate, p.count()));
    }
    all.sort(Comparator.comparingDouble(ProcessRate::rate).reversed()
        .thenComparing(Comparator.comparingLong(ProcessRate::count).reversed()));
    return List.copyOf(all.subList(0, Math.min(TOP_PROCESSES, all.size())));
  }

  /** Mount syscalls per second issued on the CPUs of one NUMA node, in total and per kind. */
  public record NodeRate(int node, double rate, Map<String, Double> rates) {}

  /** A process issuing mount syscalls: its rate per second over the last tick and its total. */
  public record ProcessRate(int pid, String comm, double rate, long count) {}
}
