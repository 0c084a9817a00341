package io.mountscope.diagnose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mountscope.model.HotspotSample;
import io.mountscope.model.LockSample;
import io.mountscope.model.LockTable;
import io.mountscope.model.Model;
import io.mountscope.model.MountCounters;
import io.mountscope.model.MountTableSample;
import io.mountscope.model.Sample;
import io.mountscope.model.Severity;
import io.mountscope.model.StartupsSample;
import io.mountscope.model.Sysctl;
import io.mountscope.model.Verdict;
import io.mountscope.testing.Samples;
import io.mountscope.util.InputException;
import io.mountscope.util.Json;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RuleSetTest {
  private static Sample[] recorded(String name) throws Exception {
    try (InputStream in = RuleSetTest.class.getResourceAsStream("/samples/" + name)) {
      return Json.mapper().readValue(in, Sample[].class);
    }
  }

  /** A quiet tick and a storm tick on a 2-socket node: counters, locks and CPU samples as a storm leaves them. */
  static Model storm(Samples.Tick before, Samples.Tick now) {
    before.topology = Samples.twoNodes();
    now.topology = Samples.twoNodes();
    before.mountCounters = new MountCounters(Map.of("mount", new long[8], "umount", new long[8],
        "open_tree", new long[8], "mount_setattr", new long[8], "move_mount", new long[8]),
        List.of(new MountCounters.ProcessCount(4242, "containerd", 0)));
    // One second of containerd idmapping 50-layer images on CPUs of both nodes: 4 calls per layer, 1 overlay mount.
    long[] layers = {6000, 6000, 0, 0, 6000, 6000, 0, 0};
    long[] overlays = {120, 120, 0, 0, 120, 120, 0, 0};
    now.mountCounters = new MountCounters(Map.of("mount", overlays, "umount", layers, "open_tree", layers,
        "mount_setattr", layers, "move_mount", layers), List.of(new MountCounters.ProcessCount(4242, "containerd", 96480)));
    before.hotspots = new HotspotSample(0, Map.of(), Map.of(), 0);
    now.hotspots = new HotspotSample(800,
        Map.of(0, Map.of("rwsem_spin_on_owner", 150L, "osq_lock", 40L), 1, Map.of("native_queued_spin_lock_slowpath", 160L),
            4, Map.of("rwsem_spin_on_owner", 120L, "default_idle", 80L), 5, Map.of("copy_page", 250L)),
        Map.of("__x64_sys_move_mount;do_move_mount;lock_mount;down_write;rwsem_down_write_slowpath;rwsem_spin_on_owner", 270L,
            "__x64_sys_umount;namespace_unlock;_raw_spin_lock;native_queued_spin_lock_slowpath", 160L,
            "__x64_sys_open_tree;namespace_lock;down_write;osq_lock", 40L, "do_idle;default_idle", 80L,
            "__x64_sys_read;copy_page", 250L), 0);
    before.locks = new LockSample(List.of(), 0);
    now.locks = new LockSample(List.of(new LockTable.Row("namespace_unlock", "mutex", 9000, 2_400_000_000L, 40_000_000, 266_000),
        new LockTable.Row("lock_mount", "rwsem:W", 5000, 900_000_000L, 20_000_000, 180_000)), 0);
    return Diagnosis.derive(now.at(1).build(), before.at(0).build());
  }

  private static Verdict verdict(Model m, String id) {
    return m.verdicts().stream().filter(v -> v.id().equals(id)).findFirst()
        .orElseThrow(() -> new AssertionError("no verdict " + id + " in " + m.verdicts()));
  }

  @Test
  void the_built_in_rules_load_and_name_only_known_recipes() {
    RuleSet rules = RuleSet.builtIn();
    assertThat(rules.rules()).hasSizeGreaterThan(10);
    assertThat(rules.rules()).allMatch(r -> Rule.RECIPES.containsAll(r.next()));
    assertThat(rules.rules().stream().flatMap(r -> r.next().stream()).distinct()).containsExactlyInAnyOrderElementsOf(Rule.RECIPES);
  }

  @Test
  void every_metric_and_every_built_in_rule_is_documented() throws Exception {
    String doc = java.nio.file.Files.readString(java.nio.file.Path.of("docs/diagnosis.md"));
    assertThat(Metrics.all().keySet()).allMatch(m -> doc.contains("`" + m + "`"), "listed in docs/diagnosis.md");
    assertThat(RuleSet.builtIn().rules()).allMatch(r -> doc.contains("| " + r.id() + " |"), "listed in docs/diagnosis.md");
  }

  @Test
  void a_quiet_recorded_node_gets_no_verdict() throws Exception {
    Sample[] quiet = recorded("quiet-node.json");
    assertThat(Diagnosis.derive(quiet[1], quiet[0]).verdicts()).isEmpty();
    Samples.Tick a = new Samples.Tick();
    Samples.Tick b = new Samples.Tick();
    a.topology = Samples.twoNodes();
    b.topology = Samples.twoNodes();
    a.mountCounters = new MountCounters(Map.of("mount", new long[8]), List.of());
    b.mountCounters = new MountCounters(Map.of("mount", new long[] {1, 0, 0, 0, 0, 0, 0, 0}), List.of());
    a.hotspots = new HotspotSample(0, Map.of(), Map.of(), 0);
    b.hotspots = new HotspotSample(400, Map.of(0, Map.of("default_idle", 390L, "copy_page", 10L)), Map.of(), 0);
    assertThat(Diagnosis.derive(b.at(1).build(), a.at(0).build()).verdicts()).isEmpty();
  }

  @Test
  void a_recorded_bind_storm_gets_the_mount_lock_verdict_and_a_recorded_quiet_node_none() throws Exception {
    Sample[] quiet = recorded("quiet-kernel.json");
    Model calm = Diagnosis.derive(quiet[1], quiet[0]);
    assertThat(calm.hotspots().samples()).isPositive();
    assertThat(calm.verdicts()).isEmpty();
    Sample[] storm = recorded("bind-storm.json");
    Model m = Diagnosis.derive(storm[1], storm[0]);
    Verdict v = m.verdicts().get(0);
    assertThat(v.id()).isEqualTo("mount-lock-contention");
    assertThat(v.title()).isEqualTo("mount-lock contention: 102,569 mount syscalls/s, most from java");
    assertThat(v.values().get("locks.mountLockWaitPerSecond")).isGreaterThan(0.25);
    assertThat(v.evidence()).anyMatch(e -> e.contains("top caller namespace_unlock+0x289"))
        .anyMatch(e -> e.startsWith("hardware: 1 NUMA node(s), 1 socket(s), SMT off, risk low"));
    assertThat(m.verdicts()).extracting(Verdict::id).containsExactly("mount-lock-contention", "mount-syscall-storm");
  }

  @Test
  void a_storm_of_per_layer_idmaps_makes_the_mount_lock_verdict_fire_with_its_numbers() {
    Model m = storm(new Samples.Tick(), new Samples.Tick());
    Verdict v = m.verdicts().get(0);
    assertThat(v.id()).isEqualTo("mount-lock-contention");
    assertThat(v.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(v.title()).isEqualTo("mount-lock contention: 96,480 mount syscalls/s, most from containerd");
    assertThat(v.values()).containsEntry("hotspots.mountLockShare", 470.0 / 800).containsEntry("mountActivity.totalRate", 96480.0);
    assertThat(v.evidence()).anyMatch(e -> e.startsWith("59% of sampled CPU is in namespace_sem / mount_lock paths"))
        .anyMatch(e -> e.equals("containerd issues 96,480 mount syscalls/s"))
        .anyMatch(e -> e.startsWith("hardware: 2 NUMA node(s), 2 socket(s), SMT on, risk high"))
        .anyMatch(e -> e.startsWith("threads waited 3.3 s per second on mount locks (100% of all lock wait; top caller namespace_unlock)"));
    assertThat(v.next()).containsExactly("idmap-strategy", "concurrency-knee", "mount-storm");
    assertThat(verdict(m, "per-layer-idmapping").title()).isEqualTo("layers are idmapped one by one: 50.0 idmap calls per overlay mount");
    assertThat(verdict(m, "cross-node-contention").next()).containsExactly("numa-placement");
    assertThat(verdict(m, "smt-under-contention").next()).containsExactly("smt-toggle");
    assertThat(verdict(m, "hardware-amplifies-contention").evidence().get(0)).contains("2 sockets");
    assertThat(m.verdicts()).extracting(Verdict::severity).isSortedAccordingTo((a, b) -> b.compareTo(a));
    assertThat(verdict(m, "mount-syscall-storm").severity()).isEqualTo(Severity.WARNING);
  }

  @Test
  void the_table_sysctl_and_startup_rules_fire_on_their_numbers() {
    Samples.Tick a = new Samples.Tick();
    Samples.Tick b = new Samples.Tick();
    a.mountTable = new MountTableSample(85_000, 1, 1);
    b.mountTable = new MountTableSample(85_300, "listmount", 2_300_000_000L, 16_000_000, 1, Map.of("overlay", 85_000L),
        Map.of("idmapped-temp", 84_000L), List.of(), List.of());
    b.sysctls = List.of(new Sysctl("fs.mount-max", "100000", ""), new Sysctl("user.max_user_namespaces", "0", ""));
    b.startups = new StartupsSample(StartupsSample.SOURCE_CONTAINERD, null, List.of(new StartupsSample.Start("c1", "k8s.io",
        "registry/app:1", 55, "overlayfs", b.timeMillis + 2000 - 42_000, "creating", true, 300L, List.of(4242))),
        10, 0, 0, StartupsSample.Latency.EMPTY, List.of(), 10_000, 30_000);
    Model m = Diagnosis.derive(b.at(2).build(), a.at(0).build());
    assertThat(m.verdicts()).extracting(Verdict::id).contains("mountinfo-very-slow", "mount-table-growing",
        "mount-max-near", "idmapped-temp-mounts-piling-up", "user-namespaces-disabled", "starts-stuck", "many-layers-starting")
        .doesNotContain("mountinfo-slow");
    assertThat(verdict(m, "mountinfo-very-slow").title()).isEqualTo("reading /proc/self/mountinfo takes 2,300 ms (85,300 mounts)");
    assertThat(verdict(m, "mount-max-near").title()).isEqualTo("the mount table is at 85% of fs.mount-max");
    assertThat(verdict(m, "starts-stuck").title()).isEqualTo("a container start has been in flight for 42 s");
    assertThat(verdict(m, "mount-table-growing").values()).containsEntry("mountTable.growthPerSecond", 150.0);
  }

  private static String load(String yaml) {
    try {
      RuleSet.parse(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "my-rules.yaml");
      return "loaded";
    } catch (InputException e) {
      return e.getMessage();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void bad_rules_are_refused_with_file_line_and_what_is_wrong() {
    String ok = "rules:\n  - id: r\n    severity: info\n    title: t\n    when:\n      all:\n        - mountTable.mounts > 1\n";
    assertThat(load(ok)).isEqualTo("loaded");
    assertThat(load(ok.replace("mountTable.mounts", "mountTable.mountz")))
        .isEqualTo("my-rules.yaml:7: unknown metric 'mountTable.mountz' in 'mountTable.mountz > 1'");
    assertThat(load(ok.replace("> 1", "is big")))
        .startsWith("my-rules.yaml:7: condition 'mountTable.mounts is big' is not 'metric op number'");
    assertThat(load(ok + "    next: [reboot]\n")).startsWith("my-rules.yaml:").contains("unknown recipe 'reboot'");
    assertThat(load(ok.replace("severity: info", "severity: dire"))).startsWith("my-rules.yaml:3:").contains("dire");
    assertThat(load(ok + "    colour: red\n")).isEqualTo("my-rules.yaml:8: unknown key 'colour' (a rule has evidence, id, next, severity, title, when)");
    assertThat(load(ok.replace("title: t", "title: '{nope.metric} is high'"))).contains("unknown metric {nope.metric}");
    assertThat(load(ok.replace("mountTable.mounts > 1", "topology.cpuModel > 1"))).contains("is text and cannot be compared");
    assertThat(load(ok.replace("title: t", "title: '{hotspots.lockSpinShare} spinning'")))
        .contains("title quotes {hotspots.lockSpinShare}, which its conditions do not guarantee");
    assertThat(load(ok.replace("title: t", "title: '{mountTable.readMillis} to read'"))).isEqualTo("loaded");
    assertThat(load(ok + ok.substring("rules:\n".length()))).isEqualTo("my-rules.yaml: rule id 'r' is used twice");
    String second = ok.substring("rules:\n".length()).replace("id: r", "id: s");
    assertThat(load(ok + "    next: [mount-storm]\n" + second + "      any: []\n      none: []\n"))
        .as("keys are checked in every rule").isEqualTo("my-rules.yaml:16: unknown key 'none' (a when has all, any)");
    assertThat(load("rules: [\n")).startsWith("my-rules.yaml:");
    assertThat(load("rules: []\n")).isEqualTo("my-rules.yaml: no rules (expected 'rules:' with a list)");
  }

  @Test
  void the_compiled_rules_the_console_reads_are_the_rules_yaml_says() throws Exception {
    RuleSet fromYaml;
    try (InputStream in = java.nio.file.Files.newInputStream(
        java.nio.file.Path.of("src/main/resources/io/mountscope/diagnose/rules.yaml"))) {
      fromYaml = RuleSet.parse(in, "rules.yaml");
    }
    String shipped;
    try (InputStream in = RuleSet.class.getResourceAsStream(RuleSet.COMPILED)) {
      assertThat(in).as("the build writes " + RuleSet.COMPILED + " (process-classes)").isNotNull();
      shipped = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertThat(shipped).as("compiled from the current rules.yaml").isEqualTo(fromYaml.compiled());
    assertThat(RuleSet.builtIn().compiled()).isEqualTo(fromYaml.compiled());
    assertThat(RuleSet.builtIn().rules()).extracting(Rule::id).containsExactlyElementsOf(fromYaml.rules().stream().map(Rule::id).toList());
  }

  @Test
  void the_compiled_form_keeps_every_field_and_odd_text() {
    String yaml = "rules:\n  - id: r\n    severity: warning\n    title: \"a \\\\ back\\nslash {mountTable.mounts}\"\n"
        + "    when:\n      all: ['mountTable.mounts > 0.0001', 'mountTable.mounts != -3']\n      any: ['mountTable.readMillis >= 2']\n"
        + "    evidence: ['one', 'two {mountTable.readMillis}']\n    next: [mount-storm, image-layers]\n";
    RuleSet r;
    try {
      r = RuleSet.parse(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "odd.yaml");
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    assertThat(r.rules().get(0).title()).isEqualTo("a \\ back\nslash {mountTable.mounts}");
    // Metrics hold functions, so rules compare by what they say: their compiled text and their fields' text.
    RuleSet back = RuleSet.readCompiled(r.compiled(), "odd.compiled");
    assertThat(back.compiled()).isEqualTo(r.compiled());
    assertThat(back.rules().toString()).isEqualTo(r.rules().toString());
    assertThat(back.rules().get(0).when().all()).extracting(Condition::value).containsExactly(0.0001, -3.0);
  }

  @Test
  void a_damaged_compiled_file_is_refused_at_its_line() {
    String good = "# header\nrule r\nseverity INFO\ntitle t\nall mountTable.mounts > 1\nend\n";
    assertThat(RuleSet.readCompiled(good, "x").rules()).hasSize(1);
    assertThatThrownBy(() -> RuleSet.readCompiled(good.replace("INFO", "DIRE"), "x")).isInstanceOf(InputException.class)
        .hasMessageStartingWith("x:3:");
    assertThatThrownBy(() -> RuleSet.readCompiled(good.replace("end\n", ""), "x")).hasMessage("x:5: rule r has no 'end'");
    assertThatThrownBy(() -> RuleSet.readCompiled(good.replace("title", "colour"), "x"))
        .hasMessage("x:4: unknown key 'colour'");
  }
}
