package io.mountscope.model;

import java.util.List;

/** CPU and memory topology of the node, and the contention risk it implies. */
public record Topology(
    int packages,
    List<NumaNode> numaNodes,
    int logicalCpus,
    int physicalCores,
    Smt smt,
    String cpuVendor,
    String cpuModel,
    String microarchitecture,
    Risk risk) {

  /** The NUMA node that logical CPU {@code cpu} belongs to, or -1. */
  public int nodeOf(int cpu) {
    for (NumaNode n : numaNodes) {
      if (n.cpus().contains(cpu)) {
        return n.id();
      }
    }
    return -1;
  }
}
