package io.mountscope.recipe;

import io.mountscope.stress.CpuSets;
import io.mountscope.util.Fmt;
import io.mountscope.util.Procfs;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What recipes may know about the node by name, read once per run: {@code cpus} (online CPUs),
 * {@code numa-nodes} (nodes with CPUs), {@code smt-control} (the kernel's SMT switch) and
 * {@code kernel} (the release). Parameter defaults use them, e.g. {@code default: "{2 * cpus}"}.
 */
public final class Facts {
  public static final Map<String, Type> TYPES = types();

  private Facts() {}

  private static Map<String, Type> types() {
    Map<String, Type> t = new LinkedHashMap<>();
    t.put("cpus", Type.INT);
    t.put("numa-nodes", Type.INT);
    t.put("smt-control", Type.STRING);
    t.put("kernel", Type.STRING);
    return java.util.Collections.unmodifiableMap(t);
  }

  public static Map<String, Object> read() {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("cpus", (long) CpuSets.online().size());
    f.put("numa-nodes", (long) numaNodesWithCpus().size());
    f.put("smt-control", Procfs.read("/sys/devices/system/cpu/smt/control").orElse("notimplemented"));
    f.put("kernel", Procfs.read("/proc/sys/kernel/osrelease").orElse("unknown"));
    return f;
  }

  /** NUMA nodes that have CPUs; a kernel without NUMA counts as one node. */
  public static List<Integer> numaNodesWithCpus() {
    List<Integer> nodes = Procfs.read("/sys/devices/system/node/has_cpu").map(Fmt::parseCpuList).orElse(List.of());
    return nodes.isEmpty() ? List.of(0) : nodes;
  }
}
