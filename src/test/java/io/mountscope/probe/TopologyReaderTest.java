package io.mountscope.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.mountscope.model.NumaNode;
import io.mountscope.model.Risk;
import io.mountscope.model.Topology;
import io.mountscope.testing.Lscpu;
import io.mountscope.testing.Prerequisites;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

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
}
