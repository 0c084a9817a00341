package io.mountscope.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.mountscope.model.Topology;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class TopologyReaderTest {
  private final TopologyReader captured = new TopologyReader(Path.of("src/test/resources/sysfs/vm-1node"));

  @Test
  void node_memory_comes_from_the_nodes_meminfo() {
    // "Node 0 MemTotal:        4024532 kB" in the captured file
    assertThat(captured.nodeMemoryBytes(0)).isEqualTo(4024532L * 1024);
    assertThat(captured.nodeMemoryBytes(7)).isZero();
  }

  @Test
  void smt_control_and_state_come_from_sysfs() {
    var smt = captured.smt(1);
    assertThat(smt.control()).isEqualTo("notsupported");
    assertThat(smt.active()).isFalse();
  }

  @Test
  void the_live_topology_has_every_online_cpu_on_some_node() {
    Topology t = new TopologyReader().read();
    int onNodes = t.numaNodes().stream().mapToInt(n -> n.cpus().size()).sum();
    assertThat(onNodes).isEqualTo(t.logicalCpus());
    assertThat(t.logicalCpus()).isEqualTo(Runtime.getRuntime().availableProcessors());
    assertThat(t.packages()).isPositive();
  }
}
