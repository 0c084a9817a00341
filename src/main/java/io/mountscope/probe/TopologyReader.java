package io.mountscope.probe;

import io.mountscope.model.NumaNode;
import io.mountscope.model.Smt;
import io.mountscope.model.Topology;
import io.mountscope.util.Procfs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import oshi.SystemInfo;
import oshi.hardware.CentralProcessor;

/**
 * Topology from OSHI (packages, cores, logical CPUs and their NUMA nodes, CPU identity) and sysfs
 * (memory per node, SMT control), which OSHI does not expose.
 */
public final class TopologyReader {
  private final Path sysfs;

  public TopologyReader() {
    this(Path.of("/sys"));
  }

  /** A reader of a sysfs tree at {@code sysfs} (a captured copy in tests). */
  public TopologyReader(Path sysfs) {
    this.sysfs = sysfs;
  }

  public Topology read() {
    CentralProcessor cpu = new SystemInfo().getHardware().getProcessor();
    Map<Integer, List<Integer>> cpusByNode = new TreeMap<>();
    for (CentralProcessor.LogicalProcessor lp : cpu.getLogicalProcessors()) {
      cpusByNode.computeIfAbsent(lp.getNumaNode(), k -> new ArrayList<>()).add(lp.getProcessorNumber());
    }
    List<NumaNode> nodes = new ArrayList<>();
    cpusByNode.forEach((node, cpus) -> nodes.add(new NumaNode(node, List.copyOf(cpus), nodeMemoryBytes(node))));
    CentralProcessor.ProcessorIdentifier id = cpu.getProcessorIdentifier();
    int logical = cpu.getLogicalProcessorCount();
    int physical = cpu.getPhysicalProcessorCount();
    int threadsPerCore = physical > 0 ? Math.max(1, logical / physical) : 1;
    return new Topology(cpu.getPhysicalPackageCount(), List.copyOf(nodes), logical, physical,
        smt(threadsPerCore), id.getVendor(), id.getName().trim(), id.getMicroarchitecture(), null);
  }

  /** MemTotal of a node from sysfs, 0 when the node has no meminfo. */
  long nodeMemoryBytes(int node) {
    Path meminfo = sysfs.resolve("devices/system/node/node" + node + "/meminfo");
    if (!Files.isReadable(meminfo)) {
      return 0;
    }
    return Procfs.read(meminfo).map(s -> {
      for (String line : s.split("\n")) {
        String[] f = line.trim().split("\\s+");
        // "Node 0 MemTotal:       24731708 kB"
        if (f.length >= 4 && f[2].equals("MemTotal:")) {
          return Long.parseLong(f[3]) * 1024;
        }
      }
      return 0L;
    }).orElse(0L);
  }

  Smt smt(int threadsPerCore) {
    String control = Procfs.read(sysfs.resolve("devices/system/cpu/smt/control")).orElse("unknown");
    boolean active = Procfs.read(sysfs.resolve("devices/system/cpu/smt/active"))
        .map("1"::equals).orElse(threadsPerCore > 1);
    return new Smt(active, control, threadsPerCore);
  }
}
