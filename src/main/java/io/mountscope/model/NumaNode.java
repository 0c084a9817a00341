package io.mountscope.model;

import java.util.List;

/**
 * One NUMA node: its id, the logical CPUs on it, its memory (0 when unknown) and its row of the
 * node distance table (distances to the nodes in the order of {@code Topology.numaNodes}; 10 is
 * local; empty when unknown).
 */
public record NumaNode(int id, List<Integer> cpus, long memoryBytes, List<Integer> distances) {

  /** A node whose distances are unknown. */
  public NumaNode(int id, List<Integer> cpus, long memoryBytes) {
    this(id, cpus, memoryBytes, List.of());
  }
}
