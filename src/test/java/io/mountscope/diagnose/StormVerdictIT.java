package io.mountscope.diagnose;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mountscope.testing.KernelExclusive;
import io.mountscope.testing.Launcher;
import io.mountscope.testing.MountStorm;
import io.mountscope.testing.Prerequisites;
import io.mountscope.testing.QuietNode;
import io.mountscope.util.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The whole chain on the real kernel: a quiet node gets no verdict; a mount storm (two threads
 * bind-mounting in a private namespace) is counted, traced and sampled by the kernel collectors
 * and makes the mount-lock verdict fire, naming the storm's process.
 */
class StormVerdictIT {
  private static JsonNode snapshot(double window) throws Exception {
    Launcher.Result r = Launcher.run("snapshot", "--json", "--window", Double.toString(window));
    assertThat(r.exitCode()).as(r.err()).isZero();
    return Json.mapper().readTree(r.out());
  }

  private static List<String> ids(JsonNode model) {
    List<String> ids = new ArrayList<>();
    model.get("verdicts").forEach(v -> ids.add(v.get("id").asText()));
    return ids;
  }

  @Test
  void a_quiet_node_gets_no_verdict_and_a_bind_storm_gets_the_mount_lock_verdict() throws Exception {
    Prerequisites.root();
    String hostBefore = Files.readString(Path.of("/proc/self/mountinfo"));
    try (var quiet = KernelExclusive.acquire()) {
      JsonNode calm = QuietNode.snapshot(1, 20);
      assertThat(calm.get("probes").get("mountActivity").get("state").asText()).isEqualTo("ok");
      assertThat(calm.get("probes").get("locks").get("state").asText()).isEqualTo("ok");
      assertThat(ids(calm)).as(calm.get("verdicts").toString()).isEmpty();

      Process storm = new ProcessBuilder(MountStorm.command("bind", 2, 3_000_000))
          .redirectError(ProcessBuilder.Redirect.DISCARD).start();
      try {
        Thread.sleep(1500); // past the child JVM's start-up, into the storm
        assertThat(storm.isAlive()).as("the storm is still running").isTrue();
        JsonNode stormy = snapshot(2);
        assertThat(storm.isAlive()).as("the storm lasted the whole window").isTrue();

        assertThat(ids(stormy)).contains("mount-lock-contention", "mount-syscall-storm");
        JsonNode v = stormy.get("verdicts").get(0);
        assertThat(v.get("id").asText()).isEqualTo("mount-lock-contention");
        assertThat(v.get("severity").asText()).isEqualTo("critical");
        assertThat(v.get("title").asText()).matches("mount-lock contention: [\\d,]+ mount syscalls/s, most from \\S+");
        assertThat(v.get("values").get("mountActivity.totalRate").asDouble()).isGreaterThan(10_000);
        assertThat(v.get("evidence").toString()).contains("top caller namespace_");
        assertThat(v.get("next").toString()).contains("idmap-strategy", "concurrency-knee");
        // Among the top: other test runs on this shared machine may storm at the same time.
        JsonNode ours = null;
        for (JsonNode p : stormy.get("mountActivity").get("topProcesses")) {
          if (p.get("pid").asLong() == storm.pid()) {
            ours = p;
          }
        }
        assertThat(ours).as("the storm's pid %d among %s", storm.pid(), stormy.get("mountActivity").get("topProcesses")).isNotNull();
        assertThat(ours.get("comm").asText()).isEqualTo("java");
        assertThat(ours.get("rate").asDouble()).isGreaterThan(10_000);
        assertThat(stormy.get("locks").get("mountLockWaitShare").asDouble()).isGreaterThan(0.5);
      } finally {
        storm.destroy(); // our own child, by its handle; its private namespace dies with it
        storm.waitFor(20, TimeUnit.SECONDS);
      }
    }
    assertThat(Files.readString(Path.of("/proc/self/mountinfo"))).as("the host table is untouched").isEqualTo(hostBefore);
  }
}
