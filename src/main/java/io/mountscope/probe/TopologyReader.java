package io.mountscope.probe;

import io.mountscope.model.NumaNode;
import io.mountscope.model.Smt;
import io.mountscope.model.Topology;
import io.mountscope.util.Procfs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import oshi.SystemInfo;
import oshi.hardware.CentralProcessor;

/**
 * Topology from OSHI (packages, cores, logical CPUs and their NUMA nodes, CPU identity) and sysfs
 * (memory per node, node distances, SMT control and state), which OSHI does not expose. The risk
 * is left to {@code Model.derive}.
 */
public final class TopologyReader implements Probe<Topology> {
  private final Path sysfs;

  public TopologyReader() {
    this(Path.of("/sys"));
  }

  /** A reader of a sysfs tree at {@code sysfs} (a captured copy in tests). */
  public TopologyReader(Path sysfs) {
    this.sysfs = sysfs;
  }

  /** Where one logical CPU sits: its package, its core (unique within the package) and its NUMA node. */
  public record CpuPlace(int cpu, int packageId, int coreId, int node) {}

  /** What the CPU is: vendor, model name and microarchitecture. */
  public record CpuIdentity(String vendor, String model, String microarchitecture) {}

  @Override
  public Topology read() {
    CentralProcessor cpu = new SystemInfo().getHardware().getProcessor();
    List<CpuPlace> places = new ArrayList<>();
    for (CentralProcessor.LogicalProcessor lp : cpu.getLogicalProcessors()) {
      places.add(new CpuPlace(lp.getProcessorNumber(), lp.getPhysicalPackageNumber(), lp.getPhysicalProcessorNumber(),
          lp.getNumaNode()));
    }
    CentralProcessor.ProcessorIdentifier id = cpu.getProcessorIdentifier();
    return assemble(places, identity(id.getVendor(), id.getName(), id.getFamily(), id.getModel(), id.getStepping()));
  }

  /** The identity of a CPU from its cpuid values, with OSHI's microarchitecture table and newer server parts. */
  public static CpuIdentity identity(String vendor, String name, String family, String model, String stepping) {
    String arch = new CentralProcessor.ProcessorIdentifier(vendor, name, family, model, stepping, "", true)
        .getMicroarchitecture();
    if (arch == null || arch.isBlank() || arch.equalsIgnoreCase("unknown")) {
      arch = Microarchitectures.newer(vendor, family, model).orElse("unknown");
    }
    return new CpuIdentity(vendor, name == null ? "" : name.trim(), arch);
  }

  /** Builds the topology from CPU places, with memory, distances and SMT from this reader's sysfs. */
  public Topology assemble(List<CpuPlace> places, CpuIdentity id) {
    Map<Integer, List<Integer>> cpusByNode = new TreeMap<>();
    Set<Integer> packages = new HashSet<>();
    Map<Long, Integer> threadsByCore = new HashMap<>();
    for (CpuPlace p : places) {
      cpusByNode.computeIfAbsent(Math.max(0, p.node()), k -> new ArrayList<>()).add(p.cpu());
      packages.add(p.packageId());
      threadsByCore.merge(((long) p.packageId() << 32) | (p.coreId() & 0xffffffffL), 1, Integer::sum);
    }
    List<Integer> nodeIds = List.copyOf(cpusByNode.keySet());
    List<NumaNode> nodes = new ArrayList<>();
    cpusByNode.forEach((node, cpus) -> nodes.add(new NumaNode(node, cpus.stream().sorted().toList(),
        nodeMemoryBytes(node), nodeDistances(node, nodeIds))));
    int threadsPerCore = threadsByCore.values().stream().mapToInt(Integer::intValue).max().orElse(1);
    return new Topology(packages.size(), List.copyOf(nodes), places.size(), threadsByCore.size(), smt(threadsPerCore),
        id.vendor(), id.model(), id.microarchitecture(), null);
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

  /**
   * A node's row of the distance table, restricted to the nodes that have CPUs, in {@code nodeIds}
   * order. sysfs lists distances to every online node in id order; empty when unreadable.
   */
  List<Integer> nodeDistances(int node, List<Integer> nodeIds) {
    String row = Procfs.read(sysfs.resolve("devices/system/node/node" + node + "/distance")).orElse("").trim();
    String online = Procfs.read(sysfs.resolve("devices/system/node/online")).orElse("").trim();
    if (row.isEmpty() || online.isEmpty()) {
      return List.of();
    }
    String[] values = row.split("\\s+");
    List<Integer> onlineIds = io.mountscope.util.Fmt.parseCpuList(online);
    if (values.length != onlineIds.size()) {
      return List.of();
    }
    List<Integer> out = new ArrayList<>();
    for (int id : nodeIds) {
      int i = onlineIds.indexOf(id);
      if (i < 0) {
        return List.of();
      }
      out.add(Integer.parseInt(values[i]));
    }
    return List.copyOf(out);
  }

  Smt smt(int threadsPerCore) {
    String control = Procfs.read(sysfs.resolve("devices/system/cpu/smt/control")).orElse("unknown");
    boolean active = Procfs.read(sysfs.resolve("devices/system/cpu/smt/active"))
        .map("1"::equals).orElse(threadsPerCore > 1);
    return new Smt(active, control, threadsPerCore);
  }
}
