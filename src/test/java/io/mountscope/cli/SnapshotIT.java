package io.mountscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mountscope.testing.Launcher;
import io.mountscope.util.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** snapshot --json against independent ground truth: uname, lscpu, /proc. */
class SnapshotIT {
  private static String sh(String script) throws Exception {
    return Launcher.exec(List.of("sh", "-c", script), Map.of(), 30).out().trim();
  }

  @Test
  void snapshot_json_agrees_with_uname_lscpu_and_proc() throws Exception {
    Launcher.Result r = Launcher.run("snapshot", "--json", "--window", "0.2");
    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode s = Json.mapper().readTree(r.out());
    assertThat(s.get("kernel").get("release").asText()).isEqualTo(sh("uname -r"));
    assertThat(s.get("kernel").get("machine").asText()).isEqualTo(sh("uname -m"));
    assertThat(s.get("host").get("name").asText()).isEqualTo(sh("uname -n"));

    JsonNode t = s.get("topology");
    assertThat(t.get("logicalCpus").asInt()).isEqualTo(Integer.parseInt(sh("lscpu -p=CPU | grep -v '^#' | wc -l")));
    assertThat(t.get("packages").asInt()).isEqualTo(Integer.parseInt(sh("lscpu -p=SOCKET | grep -v '^#' | sort -u | wc -l")));
    assertThat(t.get("physicalCores").asInt()).isEqualTo(Integer.parseInt(sh("lscpu -p=CORE,SOCKET | grep -v '^#' | sort -u | wc -l")));
    assertThat(t.get("numaNodes").size()).isEqualTo(Integer.parseInt(sh("lscpu -p=NODE | grep -v '^#' | sort -u | wc -l")));
    for (JsonNode node : t.get("numaNodes")) {
      String cpus = sh("lscpu -p=CPU,NODE | grep -v '^#' | awk -F, '$2==" + node.get("id").asInt() + "{print $1}' | paste -sd' '");
      assertThat(node.get("cpus").toString().replaceAll("[\\[\\]]", "").replace(",", " ")).isEqualTo(cpus);
    }

    // Same mount namespace as this test: the count is /proc/self/mountinfo's line count.
    long lines = Files.readAllLines(Path.of("/proc/self/mountinfo")).size();
    assertThat(s.get("mountTable").get("mounts").asLong()).isEqualTo(lines);
    assertThat(s.get("mountTable").get("readMillis").asDouble()).isPositive();
    assertThat(s.get("self").get("rssBytes").asLong()).isGreaterThan(10L << 20);
    for (String key : List.of("time", "host", "kernel", "topology", "cpuLoad", "mountActivity", "mountTable", "locks",
        "hotspots", "startups", "sysctls", "verdicts", "self", "probes")) {
      assertThat(s.has(key)).as("snapshot has '%s'", key).isTrue();
    }
  }

  @Test
  void snapshot_json_carries_the_sysctls_the_table_breakdown_and_the_self_cost() throws Exception {
    Launcher.Result r = Launcher.run("snapshot", "--json", "--window", "0.2");
    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode s = Json.mapper().readTree(r.out());
    for (JsonNode sysctl : s.get("sysctls")) {
      String key = sysctl.get("key").asText();
      String expected = sh("sysctl -n " + key + " 2>/dev/null | tr -s ' \t' ' '");
      assertThat(sysctl.get("value").isNull() ? "" : sysctl.get("value").asText()).as(key).isEqualTo(expected);
      assertThat(sysctl.get("why").asText()).isNotBlank();
    }
    JsonNode t = s.get("mountTable");
    assertThat(t.get("countedBy").asText()).isEqualTo("listmount");
    long byKind = 0;
    for (JsonNode n : t.get("byKind")) {
      byKind += n.asLong();
    }
    assertThat(byKind).isEqualTo(t.get("mounts").asLong());
    assertThat(t.get("namespaceCount").asInt()).isGreaterThanOrEqualTo(1);
    assertThat(s.get("self").get("mountSyscalls").asLong()).isPositive();
    assertThat(s.get("self").get("mountinfoBytesRead").asLong()).isGreaterThanOrEqualTo(t.get("bytesRead").asLong());
    assertThat(s.get("probes").get("mountTable").get("state").asText()).isEqualTo("ok");
  }

  @Test
  void a_quiet_node_gets_no_verdict() throws Exception {
    try (var quiet = io.mountscope.testing.KernelExclusive.acquire()) {
      JsonNode calm = io.mountscope.testing.QuietNode.snapshot(1, 20);
      assertThat(calm.get("verdicts")).as(calm.toString()).isEmpty();
    }
  }

  @Test
  void snapshot_text_names_the_kernel_and_the_mount_count() throws Exception {
    Launcher.Result r = Launcher.run("snapshot", "--window", "0.1");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains(sh("uname -r")).containsPattern("(?m)^mounts +\\d+ in this namespace");
  }
}
