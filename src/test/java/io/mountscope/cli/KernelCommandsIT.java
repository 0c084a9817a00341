package io.mountscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mountscope.kernel.perf.CpuRings;
import io.mountscope.probe.perf.MountSyscallCounters;
import io.mountscope.testing.KernelExclusive;
import io.mountscope.testing.Launcher;
import io.mountscope.testing.MountStorm;
import io.mountscope.testing.Prerequisites;
import io.mountscope.util.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** locks, hotspots and snapshot as an operator runs them on a node in a two-thread bind-mount storm. */
class KernelCommandsIT {
  private static KernelExclusive quiet;
  private static Process storm;
  private static String hostMounts;

  @BeforeAll
  static void startStorm() throws Exception {
    Prerequisites.root();
    hostMounts = settledMountTable();
    quiet = KernelExclusive.acquire();
    storm = new ProcessBuilder(MountStorm.command("bind", 2, 100_000_000)).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    Thread.sleep(1000); // the storm's JVM is up and mounting
    assertThat(storm.isAlive()).as("storm running").isTrue();
  }

  /** The host's mount table once it has not changed for a second (earlier tests' containers may still be going away). */
  private static String settledMountTable() throws Exception {
    String last = Files.readString(Path.of("/proc/self/mountinfo"));
    for (int i = 0; i < 30; i++) {
      Thread.sleep(1000);
      String now = Files.readString(Path.of("/proc/self/mountinfo"));
      if (now.equals(last)) {
        return now;
      }
      last = now;
    }
    return last;
  }

  @AfterAll
  static void stopStorm() throws Exception {
    if (storm != null) {
      storm.destroy(); // our child, by its handle; its mounts die with its private namespace
      storm.waitFor(30, TimeUnit.SECONDS);
    }
    if (quiet != null) {
      quiet.close();
    }
    assertThat(Files.readString(Path.of("/proc/self/mountinfo"))).as("host mount table unchanged").isEqualTo(hostMounts);
  }

  @Test
  void locks_during_a_bind_storm_names_namespace_unlock_a_mutex_as_the_top_caller() throws Exception {
    Launcher.Result r = Launcher.run("locks", "--seconds", "1", "--json");
    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode doc = Json.mapper().readTree(r.out());
    JsonNode top = doc.at("/rows/0");
    assertThat(top.get("caller").asText()).startsWith("namespace_unlock+0x");
    assertThat(top.get("type").asText()).isEqualTo("mutex");
    long contended = top.get("contended").asLong();
    assertThat(contended).isPositive();
    assertThat(top.get("avgWaitNanos").asLong()).isEqualTo(top.get("totalWaitNanos").asLong() / contended);
    assertThat(top.get("maxWaitNanos").asLong()).isBetween(top.get("avgWaitNanos").asLong(), top.get("totalWaitNanos").asLong());
    assertThat(doc.get("lostEvents").asLong()).isZero();
    assertThat(doc.get("seconds").asDouble()).isEqualTo(1.0);

    Launcher.Result text = Launcher.run("locks", "--seconds", "0.5", "-E", "3");
    assertThat(text.exitCode()).as(text.err()).isZero();
    List<String> lines = text.out().lines().toList();
    assertThat(lines.get(0)).isEqualTo(" contended   total wait     max wait     avg wait         type   caller");
    assertThat(lines.get(2)).matches("^ +\\d+ +[\\d.]+ (ns|us|ms|s) +[\\d.]+ (ns|us|ms|s) +[\\d.]+ (ns|us|ms|s) +mutex   namespace_unlock\\+0x[0-9a-f]+$");
    assertThat(text.out()).containsPattern("(?m)^\\d+ contentions in 0.5 s on \\d+ CPUs; 0 events lost");
  }

  @Test
  void snapshot_json_carries_the_exact_counters_and_the_lock_rows() throws Exception {
    Launcher.Result r = Launcher.run("snapshot", "--json", "--window", "1");
    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode s = Json.mapper().readTree(r.out());
    for (String probe : List.of("mountActivity", "locks", "hotspots")) {
      assertThat(s.at("/probes/" + probe + "/state").asText()).as(probe + ": " + s.at("/probes/" + probe)).isEqualTo("ok");
    }
    assertThat(s.at("/mountActivity/counters").fieldNames()).toIterable().containsExactlyElementsOf(MountSyscallCounters.KINDS);
    long mounts = s.at("/mountActivity/counters/mount").asLong();
    long umounts = s.at("/mountActivity/counters/umount").asLong();
    assertThat(mounts).as("bind mounts counted in the window").isGreaterThan(100);
    assertThat(umounts).as("their unmounts counted in the window").isGreaterThan(100);
    JsonNode row = s.at("/locks/rows/0");
    for (String field : List.of("caller", "type", "contended", "totalWaitNanos", "maxWaitNanos", "avgWaitNanos")) {
      assertThat(row.has(field)).as(field).isTrue();
    }
    assertThat(s.at("/hotspots/top").size()).isPositive();
  }

  @Test
  void hotspots_samples_every_cpu_at_99_hz_and_ranks_kernel_symbols() throws Exception {
    Launcher.Result r = Launcher.run("hotspots", "--seconds", "1", "--json");
    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode doc = Json.mapper().readTree(r.out());
    int cpus = doc.get("cpus").asInt();
    assertThat(cpus).isEqualTo(CpuRings.onlineCpus().size());
    // One sample every 1/99 s of CPU time on a busy CPU; a halted virtual CPU's timer fires late.
    assertThat(doc.get("samples").asLong()).isBetween((long) (99 * cpus * 0.4), (long) (99 * cpus * 1.05) + 2);
    JsonNode first = doc.at("/top/0");
    assertThat(first.get("self").asLong()).isPositive();
    assertThat(first.get("total").asLong()).isGreaterThanOrEqualTo(first.get("self").asLong());
    assertThat(first.get("selfShare").asDouble()).isEqualTo((double) first.get("self").asLong() / doc.get("samples").asLong());

    Launcher.Result text = Launcher.run("hotspots", "--seconds", "0.5", "--top", "5");
    assertThat(text.exitCode()).as(text.err()).isZero();
    assertThat(text.out()).containsPattern("^\\d+ samples at 99 Hz on \\d+ CPUs over 0.5 s \\(0 lost\\); [\\d.]+% in user space");
    assertThat(text.out()).contains("   self   total  samples  symbol");
  }
}
