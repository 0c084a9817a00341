package io.mountscope.model;

import java.util.List;

/**
 * CPU and memory topology of the node, and the contention risk it implies. The topology probe
 * leaves {@code risk} null; {@link Model#derive} assesses it, so a replay uses today's rules.
 */
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

  /** This topology with {@code risk} set. */
  public Topology withRisk(Risk assessed) {
    return new Topology(packages, numaNodes, logicalCpus, physicalCores, smt, cpuVendor, cpuModel,
        microarchitecture, assessed);
  }
}
