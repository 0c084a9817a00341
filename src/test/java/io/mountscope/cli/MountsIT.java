package io.mountscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mountscope.kernel.MountApi;
import io.mountscope.kernel.PrivateMountNamespace;
import io.mountscope.kernel.Syscalls;
import io.mountscope.kernel.UserNamespace;
import io.mountscope.testing.Launcher;
import io.mountscope.testing.Prerequisites;
import io.mountscope.util.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** `mountscope mounts` on captured files and on real mounts in private mount namespaces. */
class MountsIT {
  private static final Path FIXTURES = Path.of("src/test/resources/mountinfo").toAbsolutePath();

  private static String hostMountinfo() throws Exception {
    return Files.readString(Path.of("/proc/self/mountinfo"));
  }

  private static void deleteTree(Path dir) throws Exception {
    try (var walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  @Test
  void a_colleagues_captured_mountinfo_is_summed_up_by_kind_and_maker() throws Exception {
    Launcher.Result r = Launcher.run("mounts", "--from", FIXTURES.resolve("odd-fields.mountinfo").toString(), "--json");
    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode j = Json.mapper().readTree(r.out());
    assertThat(j.get("mounts").asLong()).isEqualTo(32);
    assertThat(j.get("live").asBoolean()).isFalse();
    assertThat(j.get("byKind").get("container-rootfs").asLong()).isEqualTo(1);
    assertThat(j.get("byKind").get("namespace-pin").asLong()).isEqualTo(1);
    assertThat(j.get("propagation").get("unbindable").asLong()).isEqualTo(1);
    assertThat(j.get("longestOptions").asInt()).isGreaterThan(3000);
    assertThat(j.get("namespaces")).isEmpty();
    Launcher.Result text = Launcher.run("mounts", "--from", FIXTURES.resolve("idmapped.mountinfo").toString());
    assertThat(text.out()).containsPattern("(?m)^idmapped +2 temporary idmapped layer mounts, e\\.g\\. /tmp/.*/ovl-idmapped1234567/0$");
  }

  @Test
  void a_broken_file_is_one_line_with_file_and_line_and_exit_2() throws Exception {
    Path bad = Files.createTempFile("node", ".mountinfo");
    try {
      Files.writeString(bad, "22 1 8:1 / / rw - ext4 /dev/sda1 rw\n23 22 0:21 / /proc rw,nosuid shared:12 proc proc rw\n");
      Launcher.Result r = Launcher.run("mounts", "--from", bad.toString());
      assertThat(r.exitCode()).isEqualTo(2);
      assertThat(r.errLines()).containsExactly("mountscope mounts: " + bad
          + ":2: not a mountinfo line: no '-' separator before the filesystem type");
      Launcher.Result missing = Launcher.run("mounts", "--from", "/nonexistent/node.mountinfo");
      assertThat(missing.exitCode()).isEqualTo(2);
      assertThat(missing.errLines()).containsExactly("mountscope mounts: /nonexistent/node.mountinfo: no such file");
    } finally {
      Files.delete(bad);
    }
  }

  @Test
  void idmapped_layers_in_ovl_idmapped_dirs_and_a_hidden_target_are_found_in_the_live_table() throws Exception {
    Prerequisites.root();
    Path dir = Files.createTempDirectory("mountscope-mounts-it");
    try {
      Object[] seen = PrivateMountNamespace.call("mounts-it", () -> {
        Syscalls.mount("tmpfs", dir.toString(), "tmpfs", 0, null);
        Path layer = Files.createDirectories(dir.resolve("snapshots/1/fs"));
        try (UserNamespace ns = UserNamespace.create(100000, 65536)) {
          for (int i = 0; i < 3; i++) {
            Path target = Files.createDirectories(dir.resolve("ovl-idmapped777/" + i));
            int fd = MountApi.openTree(layer.toString(), MountApi.OPEN_TREE_CLONE | MountApi.OPEN_TREE_CLOEXEC);
            MountApi.idmap(fd, ns.fd(), true);
            MountApi.moveMount(fd, target.toString());
            Syscalls.close(fd);
          }
        }
        // A mount whose target path no longer resolves: its parent directory is mounted over.
        Path hidden = Files.createDirectories(dir.resolve("pod/volume"));
        Syscalls.mount("tmpfs", hidden.toString(), "tmpfs", 0, null);
        Syscalls.mount("tmpfs", dir.resolve("pod").toString(), "tmpfs", 0, null);
        long lines = Files.readAllLines(Path.of("/proc/thread-self/mountinfo")).size();
        // A child started from this thread lives in this thread's mount namespace.
        return new Object[] {Launcher.run("mounts", "--json"), lines};
      });
      Launcher.Result r = (Launcher.Result) seen[0];
      assertThat(r.exitCode()).as(r.err()).isZero();
      JsonNode j = Json.mapper().readTree(r.out());
      assertThat(j.get("mounts").asLong()).isEqualTo((long) seen[1]);
      assertThat(j.get("idmappedTemp").asLong()).isEqualTo(3);
      assertThat(j.get("byKind").get("idmapped-temp").asLong()).isEqualTo(3);
      assertThat(j.get("targetsGone").toString()).contains(dir.resolve("pod/volume").toString());
    } finally {
      deleteTree(dir);
    }
    // Compared by our paths, not as a whole: other test runs on this shared machine mount on the host too.
    assertThat(hostMountinfo()).as("nothing of ours on the host").doesNotContain(dir.toString());
  }

  @Test
  void mount_namespaces_of_the_nodes_processes_are_counted_as_proc_shows_them() throws Exception {
    Prerequisites.root();
    Prerequisites.command("unshare", "util-linux");
    Process child = new ProcessBuilder("unshare", "--mount", "--propagation", "private", "sh", "-c",
        "mount -t tmpfs one /mnt && mount -t tmpfs two /media && echo ready && exec sleep 60").start();
    try {
      assertThat(new String(child.getInputStream().readNBytes(6))).isEqualTo("ready\n");
      long childNs = Long.parseLong(Files.readSymbolicLink(Path.of("/proc/" + child.pid() + "/ns/mnt")).toString()
          .replaceAll("\\D", ""));
      long childMounts = Files.readAllLines(Path.of("/proc/" + child.pid() + "/mountinfo")).size();
      Launcher.Result r = Launcher.run("mounts", "--json");
      assertThat(r.exitCode()).as(r.err()).isZero();
      JsonNode ns = null;
      for (JsonNode n : Json.mapper().readTree(r.out()).get("namespaces")) {
        if (n.get("id").asLong() == childNs) {
          ns = n;
        }
      }
      assertThat(ns).as("the child's namespace mnt:[%d] is listed", childNs).isNotNull();
      assertThat(ns.get("mounts").asLong()).isEqualTo(childMounts);
      assertThat(ns.get("processes").asInt()).isEqualTo(1);
      assertThat(ns.get("example").asText()).isEqualTo("sleep");
      long distinct;
      try (var pids = Files.list(Path.of("/proc"))) {
        distinct = pids.filter(p -> p.getFileName().toString().matches("\\d+")).map(p -> {
          try {
            return Files.readSymbolicLink(p.resolve("ns/mnt")).toString();
          } catch (Exception gone) {
            return null;
          }
        }).filter(java.util.Objects::nonNull).distinct().count();
      }
      assertThat((long) Json.mapper().readTree(r.out()).get("namespaces").size()).isBetween(distinct - 2, distinct + 2);
    } finally {
      child.destroy(); // the child we started, by its handle
      child.waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void watch_prints_one_model_per_line_with_rates_and_the_documented_fields() throws Exception {
    Launcher.Result r = Launcher.run(Map.of(), 60, "watch", "--json", "--count", "2", "--interval", "0.3");
    assertThat(r.exitCode()).as(r.err()).isZero();
    List<String> lines = r.out().lines().toList();
    assertThat(lines).hasSize(2);
    for (String line : lines) {
      JsonNode m = Json.mapper().readTree(line);
      for (String key : List.of("time", "topology", "cpuLoad", "mountTable", "sysctls", "verdicts", "self", "probes")) {
        assertThat(m.hasNonNull(key)).as(key).isTrue();
      }
      assertThat(m.get("cpuLoad").get("perCpu").size()).isEqualTo(Runtime.getRuntime().availableProcessors());
      assertThat(m.get("topology").get("risk").get("level").asText()).isIn("low", "medium", "high");
    }
    Launcher.Result text = Launcher.run(Map.of(), 60, "watch", "--count", "1", "--interval", "0.2");
    assertThat(text.out()).containsPattern("^\\d\\d:\\d\\d:\\d\\d  mount syscalls [\\d,]+/s  mounts \\d+ \\([+-]\\d+/s\\) read ");
    Launcher.Result bad = Launcher.run("watch", "--interval", "0");
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.errLines()).containsExactly("mountscope watch: --interval must be between 0.1 and 3600 seconds, got 0.0");
  }
}
