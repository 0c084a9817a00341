package io.mountscope.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How exposed this hardware is to mount-lock contention: low, medium or high, and why. From the
 * incident: contended lock cache lines are slowest across sockets and NUMA nodes, SMT siblings
 * make spinning waiters slower, and Intel server parts with a central mesh are the worst case;
 * a single node, and AMD's chiplet parts, scale better.
 */
public record Risk(String level, List<String> reasons) {
  public static final String LOW = "low";
  public static final String MEDIUM = "medium";
  public static final String HIGH = "high";

  /** Below this many logical CPUs too few threads contend for the mesh to matter. */
  static final int MESH_MIN_CPUS = 16;

  private static final List<String> MESH_MICROARCHITECTURES = List.of("skylake (server)", "skylake-sp", "cascade lake",
      "cooper lake", "ice lake (server)", "ice lake-sp", "sapphire rapids", "emerald rapids", "granite rapids",
      "sierra forest", "knights landing", "knights mill");

  /** Scores the topology: 2 for several sockets (else 1 for several nodes), 1 for SMT on, 1 for a large mesh part. */
  public static Risk assess(Topology t) {
    List<String> reasons = new ArrayList<>();
    int score = 0;
    int nodes = t.numaNodes().size();
    if (t.packages() >= 2) {
      score += 2;
      reasons.add(t.packages() + " sockets: a contended mount-lock cache line crosses the socket interconnect on every handover");
    } else if (nodes >= 2) {
      score += 1;
      reasons.add(nodes + " NUMA nodes in one socket: lock handovers between nodes cost more than within one");
    } else {
      reasons.add("single NUMA node: contended lock cache lines stay in one cache domain");
    }
    if (t.packages() >= 2 && nodes > t.packages()) {
      reasons.add(nodes + " NUMA nodes across " + t.packages() + " sockets (sub-NUMA clustering or NPS)");
    }
    if (t.smt() != null && t.smt().active()) {
      score += 1;
      reasons.add("SMT on (" + t.smt().threadsPerCore() + " threads per core): spinning siblings share a core and slow each other");
    } else if (t.smt() != null && "off".equals(t.smt().control())) {
      reasons.add("SMT switched off");
    }
    if (isIntelMesh(t)) {
      if (t.logicalCpus() >= MESH_MIN_CPUS) {
        score += 1;
        reasons.add("Intel server part with a central mesh (" + nonBlank(t.microarchitecture(), t.cpuModel())
            + "): the worst case for contended atomics");
      } else {
        reasons.add("Intel mesh server part (" + nonBlank(t.microarchitecture(), t.cpuModel()) + "), but only "
            + t.logicalCpus() + " logical CPUs contend here");
      }
    } else if (isAmdChiplet(t)) {
      reasons.add("AMD chiplet part (" + nonBlank(t.microarchitecture(), t.cpuModel())
          + "): lock handovers inside a CCX are cheap, which scales better");
    }
    String level = score >= 3 ? HIGH : score == 2 ? MEDIUM : LOW;
    return new Risk(level, List.copyOf(reasons));
  }

  static boolean isIntelMesh(Topology t) {
    String vendor = lower(t.cpuVendor());
    if (!vendor.contains("intel")) {
      return false;
    }
    String arch = lower(t.microarchitecture());
    String model = lower(t.cpuModel());
    if (MESH_MICROARCHITECTURES.stream().anyMatch(arch::contains)) {
      return model.isEmpty() || model.contains("xeon") || !model.contains("core(tm)");
    }
    // Xeon Scalable names: Platinum, Gold, Silver, Bronze (Skylake-SP onwards, all mesh), and Xeon 6.
    return model.contains("xeon") && (model.matches(".*\\b(platinum|gold|silver|bronze)\\b.*")
        || model.matches(".*xeon\\(r\\) 6\\d{3}.*") || model.matches(".*xeon 6\\d{3}.*"));
  }

  static boolean isAmdChiplet(Topology t) {
    String vendor = lower(t.cpuVendor());
    String arch = lower(t.microarchitecture());
    String model = lower(t.cpuModel());
    return vendor.contains("amd") && (arch.startsWith("zen") || model.contains("epyc") || model.contains("ryzen")
        || model.contains("threadripper"));
  }

  private static String lower(String s) {
    return s == null ? "" : s.toLowerCase(Locale.ROOT);
  }

  private static String nonBlank(String a, String b) {
    return a != null && !a.isBlank() && !a.equalsIgnoreCase("unknown") ? a : b;
  }
}
