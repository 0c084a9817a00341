package io.mountscope.stress;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mountscope.testing.Background;
import io.mountscope.testing.KernelExclusive;
import io.mountscope.testing.Launcher;
import io.mountscope.testing.Perf;
import io.mountscope.testing.Prerequisites;
import io.mountscope.testing.TestDirs;
import io.mountscope.testing.Tmux;
import io.mountscope.util.Json;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** mountscope stress as an SRE runs it: counts the kernel agrees with, clean exits, clear refusals. */
class StressIT {
  private static final List<String> KINDS = List.of("mount", "umount", "open_tree", "mount_setattr", "move_mount",
      "fsopen", "fsconfig", "fsmount");

  @TempDir
  static Path dir;

  @BeforeAll
  static void prerequisites() {
    Prerequisites.root();
    Prerequisites.command("perf", "linux-perf");
    Prerequisites.command("unshare", "util-linux");
  }

  /** A storm run under 'perf stat' over the launcher's whole process tree: what the kernel saw. */
  private record Counted(JsonNode result, Map<String, Long> kernel) {}

  private static Counted countedRun(String... stressArgs) throws Exception {
    Path perfOut = dir.resolve("perf.txt");
    List<String> perfArgs = new ArrayList<>(List.of("stat", "-x", ",", "-o", perfOut.toString()));
    for (String k : KINDS) {
      perfArgs.addAll(List.of("-e", "syscalls:sys_enter_" + k));
    }
    perfArgs.addAll(List.of("--", Launcher.executable().toString(), "stress", "--json"));
    perfArgs.addAll(List.of(stressArgs));
    // Inside a private mount namespace: perf mounts tracefs on the host when it finds none there.
    Launcher.Result r = Launcher.exec(Perf.command(perfArgs.toArray(String[]::new)), Map.of(), 120);
    assertThat(r.exitCode()).as(r.err()).isZero();
    Map<String, Long> kernel = new HashMap<>();
    for (String line : Files.readAllLines(perfOut)) {
      String[] f = line.split(",");
      if (f.length > 2 && f[2].startsWith("syscalls:sys_enter_")) {
        kernel.put(f[2].substring("syscalls:sys_enter_".length()), Long.parseLong(f[0]));
      }
    }
    assertThat(kernel.keySet()).containsExactlyInAnyOrderElementsOf(KINDS);
    return new Counted(Json.mapper().readTree(r.out()), kernel);
  }

  private static void assertKernelAgrees(Counted c, Map<String, Long> perStart, String what) {
    JsonNode r = c.result();
    long starts = r.get("starts").asLong();
    assertThat(r.get("failedStarts").asLong()).as(what).isZero();
    assertThat(r.get("errors").size()).as(what).isZero();
    for (String k : KINDS) {
      long issued = r.get("syscalls").get(k).asLong();
      long other = r.get("setupSyscalls").get(k).asLong();
      assertThat(issued + other).as(what + ": %s issued (storm %d + set-up/warm-up %d) vs kernel", k, issued, other)
          .isEqualTo(c.kernel().get(k));
      assertThat(issued).as(what + ": %s per start", k).isEqualTo(starts * perStart.getOrDefault(k, 0L));
    }
  }

  @Test
  void every_pattern_issues_exactly_the_mount_syscalls_the_kernel_counted_and_leaves_the_host_table_as_it_was()
      throws Exception {
    Path custom = dir.resolve("fs.yaml");
    Files.writeString(custom, """
        steps:
          - fsmount: {type: tmpfs, options: {size: 1m}, target: "{thread}/fs"}
          - mount: {target: "{thread}/fs", flags: [remount, bind, rdonly]}
          - clone: {source: "layers/{layer}", target: "{thread}/c{layer}", each: layer}
          - umount: {target: "{thread}/c{layer}", each: layer}
          - umount: {target: "{thread}/fs", detach: true}
        """);
    Map<String, Map<String, Long>> perStart = new LinkedHashMap<>();
    perStart.put("bind", Map.of("mount", 1L, "umount", 1L));
    perStart.put("overlay", Map.of("mount", 1L, "umount", 1L));
    perStart.put("idmap-per-layer", Map.of("open_tree", 5L, "mount_setattr", 5L, "move_mount", 5L, "mount", 1L, "umount", 6L));
    perStart.put("idmap-common-parent", Map.of("open_tree", 1L, "mount_setattr", 1L, "move_mount", 1L, "mount", 1L, "umount", 2L));
    perStart.put("custom", Map.of("fsopen", 1L, "fsconfig", 2L, "fsmount", 1L, "mount", 1L, "open_tree", 5L,
        "move_mount", 6L, "umount", 6L));
    try (KernelExclusive quiet = KernelExclusive.acquire()) {
      for (var e : perStart.entrySet()) {
        List<String> before = Storms.hostMounts();
        List<String> args = new ArrayList<>(List.of("--pattern", e.getKey(), "--layers", "5", "--threads", "2",
            "--starts", e.getKey().equals("bind") ? "2000" : "300", "--warmup", "0.2"));
        if (e.getKey().equals("custom")) {
          args.addAll(List.of("--file", custom.toString()));
        }
        Counted c = countedRun(args.toArray(String[]::new));
        assertKernelAgrees(c, e.getValue(), e.getKey());
        assertThat(c.result().get("starts").asLong()).isEqualTo(e.getKey().equals("bind") ? 2000 : 300);
        assertThat(Storms.hostMounts()).as("host mount table after a %s storm", e.getKey()).isEqualTo(before);
      }
    }
  }

  @Test
  void the_json_report_keeps_the_documented_names_and_a_histogram_of_every_measured_start() throws Exception {
    Launcher.Result r = Launcher.run("stress", "--pattern", "idmap-common-parent", "--layers", "3", "--threads", "1",
        "--starts", "400", "--warmup", "0", "--json");
    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode j = Json.mapper().readTree(r.out());
    assertThat(j.get("pattern").asText()).isEqualTo("idmap-common-parent");
    assertThat(j.get("namespace").asText()).isEqualTo("private");
    assertThat(j.get("startsPerSecond").asDouble()).isPositive();
    for (String p : List.of("p50", "p95", "p99", "max")) {
      assertThat(j.get("latencyMillis").get(p).asDouble()).as(p).isPositive();
    }
    assertThat(j.get("latencyMillis").get("p50").asDouble()).isLessThanOrEqualTo(j.get("latencyMillis").get("p99").asDouble());
    for (String k : List.of("mount", "umount", "open_tree", "mount_setattr", "move_mount", "total")) {
      assertThat(j.get("syscalls").has(k)).as(k).isTrue();
    }
    assertThat(j.get("syscalls").get("total").asLong()).isEqualTo(400 * 6);
    assertThat(j.get("errors").isObject()).isTrue();
    assertThat(j.get("interrupted").asBoolean()).isFalse();
    Histogram h = Histogram.decodeFromCompressedByteBuffer(
        ByteBuffer.wrap(Base64.getDecoder().decode(j.get("latencyHistogram").asText())), 0);
    assertThat(h.getTotalCount()).isEqualTo(400);
    assertThat(h.getMaxValue() / 1e6).isCloseTo(j.get("latencyMillis").get("max").asDouble(), org.assertj.core.data.Offset.offset(0.01));
  }

  @Test
  void bad_parameters_exit_2_with_one_line_and_start_nothing() throws Exception {
    Path typo = dir.resolve("typo.yaml");
    Files.writeString(typo, "steps:\n  - bind: {source: layers, target: \"{thread}/b\"}\n  - umount: {taget: \"{thread}/b\"}\n");
    Path hog = dir.resolve("hog.yaml");
    Files.writeString(hog, """
        steps:
          - bind: {source: "layers/{layer}", target: "{thread}/a{layer}", each: layer}
          - bind: {source: "layers/{layer}", target: "{thread}/b{layer}", each: layer}
          - bind: {source: "layers/{layer}", target: "{thread}/c{layer}", each: layer}
          - umount: {target: "{thread}/a{layer}", each: layer}
          - umount: {target: "{thread}/b{layer}", each: layer}
          - umount: {target: "{thread}/c{layer}", each: layer}
        """);
    Map<List<String>, String> cases = new LinkedHashMap<>();
    cases.put(List.of("--pattern", "tar"), "unknown pattern 'tar'");
    cases.put(List.of("--layers", "0"), "--layers 0: must be 1 to 500");
    cases.put(List.of("--threads", "5000"), "--threads 5000: more than");
    cases.put(List.of("--starts", "10", "--duration", "1"), "give --starts or --duration, not both");
    cases.put(List.of("--cpus", "0-4096"), "is not online");
    cases.put(List.of("--node", "99"), "--node 99: no NUMA node 99");
    cases.put(List.of("--layers", "200"), "--layers 200: the overlay's options would be");
    cases.put(List.of("--pattern", "custom"), "--pattern custom needs --file FILE.yaml");
    cases.put(List.of("--pattern", "custom", "--file", typo.toString()), typo + ":3: unknown key 'taget'");
    cases.put(List.of("--pattern", "custom", "--file", hog.toString(), "--layers", "500", "--threads", "64"),
        "refusing: the storm would hold up to 96001 mounts at once");
    cases.put(List.of("--namespace", "host"), "confirm on a terminal, or pass --yes");
    cases.put(List.of("--warmup", "x"), "Invalid value for option '--warmup'");
    long journalBefore = journalSize();
    for (var c : cases.entrySet()) {
      List<String> args = new ArrayList<>(List.of("stress"));
      args.addAll(c.getKey());
      Launcher.Result r = Launcher.run(args.toArray(String[]::new));
      assertThat(r.exitCode()).as(String.join(" ", c.getKey())).isEqualTo(2);
      assertThat(r.errLines()).as(String.join(" ", c.getKey())).hasSize(1);
      assertThat(r.err()).contains(c.getValue()).doesNotContain("\tat ");
      assertThat(r.out()).isEmpty();
    }
    assertThat(journalSize()).as("nothing journaled: nothing was changed").isEqualTo(journalBefore);
  }

  @Test
  void an_unprivileged_user_is_told_in_one_line_what_is_missing() throws Exception {
    Prerequisites.command("setpriv", "util-linux");
    Launcher.Result r = Launcher.exec(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
        "--inh-caps=-all", Launcher.executable().toString(), "stress", "--pattern", "bind", "--starts", "10"),
        Map.of("HOME", "/nonexistent", "MOUNTSCOPE_LOG_DIR", "/nonexistent", "MOUNTSCOPE_STATE_DIR", "/nonexistent"), 60);
    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.errLines()).containsExactly("mountscope stress: unshare failed: EPERM (operation not permitted: needs root"
        + " or CAP_SYS_ADMIN): run as root, or with CAP_SYS_ADMIN");
  }

  private static long journalSize() throws Exception {
    Path j = TestDirs.stateDir().resolve("journal.jsonl");
    return Files.exists(j) ? Files.size(j) : 0;
  }

  @Test
  void a_storm_pinned_to_one_cpu_runs_every_storm_thread_there() throws Exception {
    int cpu = io.mountscope.util.Fmt.parseCpuList(Files.readString(Path.of("/sys/devices/system/cpu/online")).trim())
        .stream().mapToInt(Integer::intValue).max().orElseThrow();
    Background run = Storms.start("stress", "--pattern", "bind", "--threads", "2", "--cpus", Integer.toString(cpu),
        "--duration", "1.5", "--warmup", "0", "--json");
    long worker = Storms.awaitStorm(run.pid(), 30);
    // awaitStorm returns once storm-0 runs; storm-1 starts a moment later.
    Storms.await(() -> Storms.threadNames(worker).containsAll(List.of("storm-0", "storm-1")), 30, "both storm threads");
    List<String> allowed = new ArrayList<>();
    for (String t : List.of("storm-0", "storm-1")) {
      try (var tasks = Files.list(Path.of("/proc/" + worker + "/task"))) {
        for (Path task : tasks.toList()) {
          if (Files.readString(task.resolve("comm")).trim().equals(t)) {
            allowed.add(io.mountscope.util.Procfs.read(task.resolve("status")).orElse("").lines()
                .filter(l -> l.startsWith("Cpus_allowed_list:")).findFirst().orElse("").split(":")[1].trim());
          }
        }
      }
    }
    assertThat(run.await(60)).as(run.err()).isZero();
    assertThat(allowed).containsExactly(Integer.toString(cpu), Integer.toString(cpu));
    assertThat(Json.mapper().readTree(run.out()).get("cpus").get(0).asInt()).isEqualTo(cpu);
  }

  @Test
  void on_a_terminal_a_progress_bar_shows_the_rate_and_ctrl_c_prints_what_was_measured_and_leaves_no_mount()
      throws Exception {
    try (KernelExclusive quiet = KernelExclusive.acquire()) {
      List<String> before = Storms.hostMounts();
      // The wrapper shell ignores Ctrl-C with a handler (not SIG_IGN, which the JVM would inherit).
      try (Tmux t = Tmux.start(120, 20, "xterm-256color", "trap true INT; " + Launcher.executable()
          + " stress --pattern idmap-per-layer --layers 10 --threads 2 --duration 60")) {
        String bar = t.await(s -> s.matches("(?s).*\\[#*\\.*\\] +\\d+%  storm [0-9.]+ s  [0-9,]+ starts/s.*"), 40,
            "a progress bar with the current rate");
        assertThat(bar).contains("starts/s");
        t.send("C-c");
        String screen = t.awaitText("[exited 130]", 30);
        assertThat(screen).contains("stress idmap-per-layer: 10 layers, 2 threads, private mount namespace (interrupted)")
            .contains("latency ms   p50").contains("errors       none").doesNotContain("[###");
      }
      assertThat(Storms.hostMounts()).isEqualTo(before);
    }
  }
}
