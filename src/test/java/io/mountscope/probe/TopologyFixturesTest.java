package io.mountscope.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.mountscope.model.NumaNode;
import io.mountscope.model.Risk;
import io.mountscope.model.Smt;
import io.mountscope.model.Topology;
import io.mountscope.testing.Lscpu;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Topologies and risks of real multi-socket machines, from their captured lscpu/numactl output (see SOURCE.md). */
class TopologyFixturesTest {
  private static final Path DIR = Path.of("src/test/resources/topology");
  /** A sysfs with no node or SMT files: what lscpu alone tells. */
  private static final TopologyReader NO_SYSFS = new TopologyReader(Path.of("src/test/resources/topology/no-sysfs"));

  private static Lscpu fixture(String name) throws Exception {
    return Lscpu.parse(Files.readString(DIR.resolve(name)));
  }

  /** Assembles from the parsable block and checks the result against the same output's summary lines. */
  private static Topology assembledAndChecked(Lscpu l) {
    Topology t = NO_SYSFS.assemble(l.places(), l.identity());
    assertThat(t.logicalCpus()).isEqualTo(l.number("CPU(s)"));
    assertThat(t.packages()).isEqualTo(l.number("Socket(s)"));
    assertThat(t.physicalCores()).isEqualTo(l.number("Socket(s)") * l.number("Core(s) per socket"));
    assertThat(t.smt().threadsPerCore()).isEqualTo(l.number("Thread(s) per core"));
    assertThat(t.numaNodes()).hasSize(l.number("NUMA node(s)"));
    for (NumaNode n : t.numaNodes()) {
      assertThat(n.cpus()).as("node " + n.id()).isEqualTo(l.nodeCpus().get(n.id()));
    }
    return t.withRisk(Risk.assess(t));
  }

  @Test
  void two_socket_epyc_naples_with_eight_nodes_and_smt_is_high_risk_despite_its_chiplets() throws Exception {
    Topology t = assembledAndChecked(fixture("util-linux-x86_64-epyc_7451.lscpu"));
    assertThat(t.microarchitecture()).isEqualTo("Zen");
    assertThat(t.risk().level()).isEqualTo(Risk.HIGH);
    assertThat(t.risk().reasons()).anyMatch(r -> r.startsWith("2 sockets"))
        .anyMatch(r -> r.contains("8 NUMA nodes across 2 sockets"))
        .anyMatch(r -> r.startsWith("SMT on (2 threads per core)"))
        .anyMatch(r -> r.startsWith("AMD chiplet part (Zen)"));
  }

  @Test
  void dell_r710_two_socket_nehalem_with_hyperthreading_is_high_risk() throws Exception {
    Topology t = assembledAndChecked(fixture("util-linux-x86_64-dellr710.lscpu"));
    assertThat(t.cpuVendor()).isEqualTo("GenuineIntel");
    assertThat(t.microarchitecture()).startsWith("Nehalem");
    assertThat(t.risk().level()).isEqualTo(Risk.HIGH);
    assertThat(t.risk().reasons()).noneMatch(r -> r.contains("mesh"));
  }

  @Test
  void two_socket_sapphire_rapids_is_the_worst_case_mesh_part() throws Exception {
    Lscpu l = fixture("gcp-c3-xeon-platinum-8481c.lscpu");
    List<NumaNode> nodes = new ArrayList<>();
    l.nodeCpus().forEach((id, cpus) -> nodes.add(new NumaNode(id, cpus, 0)));
    TopologyReader.CpuIdentity id = l.identity();
    Topology t = new Topology(l.number("Socket(s)"), nodes, l.number("CPU(s)"),
        l.number("Socket(s)") * l.number("Core(s) per socket"), new Smt(true, "on", l.number("Thread(s) per core")),
        id.vendor(), id.model(), id.microarchitecture(), null);
    assertThat(nodes.stream().mapToInt(n -> n.cpus().size()).sum()).isEqualTo(176);
    Risk r = Risk.assess(t);
    assertThat(t.microarchitecture()).isEqualTo("Sapphire Rapids");
    assertThat(r.level()).isEqualTo(Risk.HIGH);
    assertThat(r.reasons()).anyMatch(s -> s.startsWith("Intel server part with a central mesh (Sapphire Rapids)"))
        .anyMatch(s -> s.contains("4 NUMA nodes across 2 sockets"));
  }

  @Test
  void two_socket_broadwell_without_smt_is_medium_and_numactl_gives_memory_and_distances() throws Exception {
    Lscpu l = fixture("xeon-e5-2695v4-2socket.txt");
    List<NumaNode> nodes = new ArrayList<>();
    List<Integer> ids = new ArrayList<>(l.numactlCpus().keySet());
    l.numactlCpus().forEach((id, cpus) -> nodes.add(new NumaNode(id, cpus, l.numactlMegabytes().get(id) << 20,
        l.numactlDistances().get(id))));
    TopologyReader.CpuIdentity id = l.identity();
    Topology t = new Topology(l.number("Socket(s)"), nodes, l.number("CPU(s)"), 36, new Smt(false, "off", 1),
        id.vendor(), id.model(), id.microarchitecture(), null);
    assertThat(ids).containsExactly(0, 1);
    assertThat(t.numaNodes().get(1).cpus()).hasSize(18).startsWith(18).endsWith(35);
    assertThat(t.numaNodes().get(0).distances()).containsExactly(10, 21);
    assertThat(t.numaNodes().get(0).memoryBytes()).isEqualTo(130958L << 20);
    Risk r = Risk.assess(t);
    assertThat(t.microarchitecture()).startsWith("Broadwell");
    assertThat(r.level()).isEqualTo(Risk.MEDIUM);
    assertThat(r.reasons()).anyMatch(s -> s.startsWith("2 sockets")).anyMatch(s -> s.equals("SMT switched off"));
  }
}
