package io.mountscope.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.mountscope.model.NumaNode;
import io.mountscope.model.Risk;
import io.mountscope.model.Topology;
import io.mountscope.testing.Lscpu;
import io.mountscope.testing.Prerequisites;
import io.mountscope.util.Fmt;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TopologyReaderTest {
  private final TopologyReader captured = new TopologyReader(Path.of("src/test/resources/sysfs/vm-1node"));

  private static String run(String... cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor()).as(String.join(" ", cmd)).isZero();
    return out;
  }

  @Test
  void node_memory_and_distances_come_from_sysfs() {
    // "Node 0 MemTotal:        4024532 kB" and "10" in the captured files
    assertThat(captured.nodeMemoryBytes(0)).isEqualTo(4024532L * 1024);
    assertThat(captured.nodeMemoryBytes(7)).isZero();
    assertThat(captured.nodeDistances(0, List.of(0))).containsExactly(10);
    assertThat(captured.nodeDistances(3, List.of(3))).isEmpty();
  }

  @Test
  void smt_control_and_state_come_from_sysfs() {
    var smt = captured.smt(1);
    assertThat(smt.control()).isEqualTo("notsupported");
    assertThat(smt.active()).isFalse();
  }

  @Test
  void the_live_topology_agrees_with_lscpu_and_numactl() throws Exception {
    Prerequisites.command("numactl", "numactl");
    Topology t = new TopologyReader().read();
    Lscpu lscpu = Lscpu.parse(run("lscpu"));
    Lscpu parsable = Lscpu.parse("# CPU,Core,Socket,Node\n" + run("lscpu", "-p=CPU,CORE,SOCKET,NODE").replaceAll("(?m)^#.*\n", ""));
    Lscpu numactl = Lscpu.parse(run("numactl", "--hardware"));
    assertThat(t.logicalCpus()).isEqualTo(lscpu.number("CPU(s)")).isEqualTo(Runtime.getRuntime().availableProcessors());
    assertThat(t.packages()).isEqualTo(lscpu.number("Socket(s)"));
    assertThat(t.physicalCores()).isEqualTo((int) parsable.places().stream().map(p -> p.packageId() + "/" + p.coreId()).distinct().count());
    assertThat(t.smt().threadsPerCore()).isEqualTo(lscpu.number("Thread(s) per core"));
    assertThat(t.cpuVendor()).isEqualTo(lscpu.get("Vendor ID"));
    assertThat(t.cpuModel()).isEqualTo(lscpu.get("Model name"));
    assertThat(t.numaNodes()).extracting(NumaNode::id).containsExactlyElementsOf(numactl.numactlCpus().keySet());
    for (NumaNode n : t.numaNodes()) {
      assertThat(n.cpus()).isEqualTo(numactl.numactlCpus().get(n.id()));
      assertThat(n.memoryBytes() >> 20).as("node %d MB", n.id()).isEqualTo(numactl.numactlMegabytes().get(n.id()));
      assertThat(n.distances()).isEqualTo(numactl.numactlDistances().get(n.id()));
    }
    Risk r = Risk.assess(t);
    assertThat(r.reasons()).isNotEmpty();
    if (t.numaNodes().size() == 1 && !t.smt().active()) {
      assertThat(r.level()).isEqualTo(Risk.LOW);
    }
  }

  @Test
  void the_sysfs_read_and_oshi_agree_on_this_machine() {
    TopologyReader live = new TopologyReader();
    assertThat(live.sysfsPlaces()).as("this kernel's sysfs has CPU topology").isPresent();
    assertThat(live.cpuinfoIdentity()).as("x86 cpuinfo names the CPU").isPresent();
    assertThat(live.read()).as("sysfs + cpuinfo against OSHI's udev read").isEqualTo(live.readWithOshi());
  }

  /** A sysfs tree with the CPU places of an lscpu fixture, as the kernel lays it out. */
  private static void writeSysfs(Path root, List<TopologyReader.CpuPlace> places) throws Exception {
    Path cpu = root.resolve("devices/system/cpu");
    Path node = root.resolve("devices/system/node");
    java.util.Map<String, java.util.List<Integer>> cores = new java.util.TreeMap<>();
    java.util.Map<Integer, java.util.List<Integer>> nodes = new java.util.TreeMap<>();
    for (TopologyReader.CpuPlace p : places) {
      cores.computeIfAbsent(p.packageId() + "/" + p.coreId(), k -> new java.util.ArrayList<>()).add(p.cpu());
      nodes.computeIfAbsent(p.node(), k -> new java.util.ArrayList<>()).add(p.cpu());
    }
    for (TopologyReader.CpuPlace p : places) {
      Path topo = Files.createDirectories(cpu.resolve("cpu" + p.cpu() + "/topology"));
      Files.writeString(topo.resolve("physical_package_id"), p.packageId() + "\n");
      Files.writeString(topo.resolve("core_cpus_list"), Fmt.cpuList(cores.get(p.packageId() + "/" + p.coreId())) + "\n");
    }
    Files.writeString(cpu.resolve("online"), Fmt.cpuList(places.stream().map(TopologyReader.CpuPlace::cpu).toList()) + "\n");
    for (var e : nodes.entrySet()) {
      Files.createDirectories(node.resolve("node" + e.getKey()));
      Files.writeString(node.resolve("node" + e.getKey() + "/cpulist"), Fmt.cpuList(e.getValue()) + "\n");
    }
    Files.writeString(node.resolve("online"), Fmt.cpuList(nodes.keySet()) + "\n");
  }

  @Test
  void a_two_socket_eight_node_sysfs_reads_as_lscpu_saw_that_machine(@TempDir Path dir) throws Exception {
    Lscpu epyc = Lscpu.parse(Files.readString(Path.of("src/test/resources/topology/util-linux-x86_64-epyc_7451.lscpu")));
    writeSysfs(dir, epyc.places());
    TopologyReader reader = new TopologyReader(dir);
    Topology fromSysfs = reader.assemble(reader.sysfsPlaces().orElseThrow(), epyc.identity());
    assertThat(fromSysfs).isEqualTo(reader.assemble(epyc.places(), epyc.identity()));
    assertThat(fromSysfs.packages()).isEqualTo(2);
    assertThat(fromSysfs.numaNodes()).hasSize(8);
    assertThat(fromSysfs.physicalCores()).isEqualTo(48);
    assertThat(fromSysfs.smt().threadsPerCore()).isEqualTo(2);
  }

  @Test
  void without_cpu_topology_in_sysfs_or_an_x86_cpuinfo_oshi_reads_them(@TempDir Path dir) throws Exception {
    Files.createDirectories(dir.resolve("devices/system/cpu/cpu0"));
    Files.writeString(dir.resolve("devices/system/cpu/online"), "0\n");
    Files.writeString(dir.resolve("cpuinfo"), "processor\t: 0\nBogoMIPS\t: 50.00\nFeatures\t: fp asimd cpuid\n"
        + "CPU implementer\t: 0x41\nCPU architecture: 8\nCPU variant\t: 0x3\nCPU part\t: 0xd0c\nCPU revision\t: 1\n\n");
    TopologyReader reader = new TopologyReader(dir);
    assertThat(reader.sysfsPlaces()).as("no topology directory").isEmpty();
    assertThat(reader.cpuinfoIdentity()).as("an ARM cpuinfo names no vendor_id or model name").isEmpty();
    Files.writeString(dir.resolve("devices/system/cpu/online"), "0-x\n");
    assertThat(reader.sysfsPlaces()).as("a malformed cpulist").isEmpty();
  }

  @Test
  void cpuinfo_gives_the_first_processors_identity_with_its_microarchitecture(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("cpuinfo"), "processor\t: 0\nvendor_id\t: GenuineIntel\ncpu family\t: 6\nmodel\t\t: 143\n"
        + "model name\t: Intel(R) Xeon(R) Platinum 8481C CPU @ 2.70GHz\nstepping\t: 8\n\n"
        + "processor\t: 1\nvendor_id\t: Other\nmodel name\t: not this one\n\n");
    TopologyReader.CpuIdentity id = new TopologyReader(dir).cpuinfoIdentity().orElseThrow();
    assertThat(id).isEqualTo(new TopologyReader.CpuIdentity("GenuineIntel", "Intel(R) Xeon(R) Platinum 8481C CPU @ 2.70GHz",
        "Sapphire Rapids"));
  }
}
