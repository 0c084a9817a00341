package io.mountscope.model;

import java.util.List;

/** One NUMA node: its id, the logical CPUs on it and its memory (0 when unknown). */
public record NumaNode(int id, List<Integer> cpus, long memoryBytes) {}
