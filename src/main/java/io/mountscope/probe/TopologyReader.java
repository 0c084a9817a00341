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
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import oshi.SystemInfo;
import oshi.hardware.CentralProcessor;

/**
 * Topology: where each logical CPU sits (package, core, NUMA node) from sysfs, the CPU's identity
 * from /proc/cpuinfo with OSHI's microarchitecture table, and from sysfs too what OSHI does not
 * expose (memory per node, node distances, SMT control and state). Where sysfs has no CPU topology
 * or cpuinfo no x86 identity (some ARM kernels), OSHI reads them. The risk is left to
 * {@code Model.derive}.
 *
 * <p>sysfs first because it is what the dashboard's first frame can wait for: OSHI's Linux
 * processor reader goes through libudev (JNA) and took 100+ ms at a cold start, where reading the
 * same files directly takes a few.
 */
public final class TopologyReader implements Probe<Topology> {
  private final Path sysfs;
  private final Path cpuinfo;

  public TopologyReader() {
    this(Path.of("/sys"), Path.of("/proc/cpuinfo"));
  }

  /** A reader of a sysfs tree at {@code sysfs} (a captured copy in tests). */
  public TopologyReader(Path sysfs) {
    this(sysfs, sysfs.resolve("cpuinfo"));
  }

  /** A reader of a sysfs tree and a cpuinfo file (captured copies in tests). */
  public TopologyReader(Path sysfs, Path cpuinfo) {
    this.sysfs = sysfs;
    this.cpuinfo = cpuinfo;
  }

  /** Where one logical CPU sits: its package, its core (unique within the package) and its NUMA node. */
  public record CpuPlace(int cpu, int packageId, int coreId, int node) {}

  /** What the CPU is: vendor, model name and microarchitecture. */
  public record CpuIdentity(String vendor, String model, String microarchitecture) {}

  @Override
  public Topology read() {
    Optional<List<CpuPlace>> places = sysfsPlaces();
    Optional<CpuIdentity> id = cpuinfoIdentity();
    if (places.isPresent() && id.isPresent()) {
      return assemble(places.get(), id.get());
    }
    CentralProcessor cpu = new SystemInfo().getHardware().getProcessor();
    return assemble(places.orElseGet(() -> oshiPlaces(cpu)), id.orElseGet(() -> oshiIdentity(cpu)));
  }

  /** The topology as OSHI alone reads it (with the same sysfs extras): what {@link #read} falls back to. */
  Topology readWithOshi() {
    CentralProcessor cpu = new SystemInfo().getHardware().getProcessor();
    return assemble(oshiPlaces(cpu), oshiIdentity(cpu));
  }

  private static List<CpuPlace> oshiPlaces(CentralProcessor cpu) {
    List<CpuPlace> places = new ArrayList<>();
    for (CentralProcessor.LogicalProcessor lp : cpu.getLogicalProcessors()) {
      places.add(new CpuPlace(lp.getProcessorNumber(), lp.getPhysicalPackageNumber(), lp.getPhysicalProcessorNumber(),
          lp.getNumaNode()));
    }
    return places;
  }

  private static CpuIdentity oshiIdentity(CentralProcessor cpu) {
    CentralProcessor.ProcessorIdentifier id = cpu.getProcessorIdentifier();
    return identity(id.getVendor(), id.getName(), id.getFamily(), id.getModel(), id.getStepping());
  }

  /**
   * The online CPUs' places from sysfs: the package from topology/physical_package_id, the core
   * as the CPUs that share it (topology/core_cpus_list, thread_siblings_list before 5.x kernels;
   * numbered by its first CPU, so dies with repeated core_ids stay apart), the node from the
   * node directories' cpulist (node 0 without NUMA). Empty when a CPU's topology is not there.
   */
  Optional<List<CpuPlace>> sysfsPlaces() {
    try {
      return readSysfsPlaces();
    } catch (io.mountscope.util.InputException malformed) { // a cpulist that does not parse: OSHI's turn
      return Optional.empty();
    }
  }

  private Optional<List<CpuPlace>> readSysfsPlaces() {
    Path cpuDir = sysfs.resolve("devices/system/cpu");
    Optional<String> online = Procfs.read(cpuDir.resolve("online"));
    if (online.isEmpty() || online.get().isBlank()) {
      return Optional.empty();
    }
    Map<Integer, Integer> nodeOf = new HashMap<>();
    Path nodeDir = sysfs.resolve("devices/system/node");
    for (int node : io.mountscope.util.Fmt.parseCpuList(Procfs.read(nodeDir.resolve("online")).orElse("").trim())) {
      String cpus = Procfs.read(nodeDir.resolve("node" + node + "/cpulist")).orElse("").trim();
      for (int cpu : io.mountscope.util.Fmt.parseCpuList(cpus)) {
        nodeOf.put(cpu, node);
      }
    }
    List<CpuPlace> places = new ArrayList<>();
    for (int cpu : io.mountscope.util.Fmt.parseCpuList(online.get().trim())) {
      Path topo = cpuDir.resolve("cpu" + cpu + "/topology");
      Optional<String> pkg = Procfs.read(topo.resolve("physical_package_id"));
      Optional<String> siblings = Procfs.read(topo.resolve("core_cpus_list"))
          .or(() -> Procfs.read(topo.resolve("thread_siblings_list")));
      if (pkg.isEmpty() || siblings.isEmpty()) {
        return Optional.empty();
      }
      List<Integer> core = io.mountscope.util.Fmt.parseCpuList(siblings.get().trim());
      int packageId;
      try {
        packageId = Math.max(0, Integer.parseInt(pkg.get().trim())); // -1 on some VMs: one package
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
      places.add(new CpuPlace(cpu, packageId, core.isEmpty() ? cpu : core.get(0), nodeOf.getOrDefault(cpu, 0)));
    }
    return places.isEmpty() ? Optional.empty() : Optional.of(places);
  }

  /**
   * The CPU's identity from the first processor of /proc/cpuinfo (vendor_id, cpu family, model,
   * model name, stepping); empty where those are missing (ARM kernels write implementer and part).
   */
  Optional<CpuIdentity> cpuinfoIdentity() {
    Optional<String> text = Procfs.read(cpuinfo);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    Map<String, String> first = new HashMap<>();
    for (String line : text.get().split("\n")) {
      if (line.isBlank()) {
        if (!first.isEmpty()) {
          break; // the first processor's block is enough: one model per machine
        }
        continue;
      }
      int colon = line.indexOf(':');
      if (colon > 0) {
        first.putIfAbsent(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
      }
    }
    String vendor = first.get("vendor_id");
    String name = first.get("model name");
    String family = first.get("cpu family");
    String model = first.get("model");
    if (vendor == null || name == null || family == null || model == null) {
      return Optional.empty();
    }
    return Optional.of(identity(vendor, name, family, model, first.getOrDefault("stepping", "")));
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
