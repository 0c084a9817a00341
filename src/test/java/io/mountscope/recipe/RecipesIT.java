package io.mountscope.recipe;

import static io.mountscope.recipe.RecipeRuns.verdicts;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mountscope.recipe.actuator.SmtActuator;
import io.mountscope.testing.Containerd;
import io.mountscope.testing.KernelExclusive;
import io.mountscope.testing.Launcher;
import io.mountscope.testing.Prerequisites;
import io.mountscope.testing.TestImages;
import io.mountscope.util.Json;
import io.mountscope.util.Procfs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every built-in recipe, end to end through the launcher in scripted mode with real (short)
 * storms: each reaches a verdict or says honestly why it cannot run here, and leaves the node as
 * it found it (host mount table, sysctls, journal). Storms are small: 20 layers, well under a
 * second each.
 */
class RecipesIT {
  private static final List<String> VERDICTS = List.of("better", "worse", "no significant difference");
  private static final String[] SHORT = {"--set", "duration=0.4", "--set", "layers=20"};

  @TempDir
  Path dir;

  private KernelExclusive quiet;
  private List<String> mountsBefore;
  private Map<String, String> sysctlsBefore;

  @BeforeEach
  void holdTheMachineAndRememberTheNode() throws Exception {
    Prerequisites.root();
    quiet = KernelExclusive.acquire();
    mountsBefore = RecipeRuns.hostMounts();
    sysctlsBefore = RecipeRuns.sysctls();
  }

  @AfterEach
  void theNodeIsAsBefore() throws Exception {
    try {
      assertThat(RecipeRuns.hostMounts()).as("host mount rows of mountscope").isEqualTo(mountsBefore);
      assertThat(RecipeRuns.sysctls()).as("sysctls").isEqualTo(sysctlsBefore);
      assertThat(RecipeRuns.pending()).as("pending journal changes").isEmpty();
    } finally {
      quiet.close();
    }
  }

  private Path answers(String yaml) throws Exception {
    return Files.writeString(dir.resolve("answers-" + System.nanoTime() + ".yaml"), yaml);
  }

  private static String[] args(String recipe, String... more) {
    List<String> a = new java.util.ArrayList<>(List.of(recipe));
    a.addAll(List.of(more));
    return a.toArray(String[]::new);
  }

  @Test
  void mount_storm_measures_one_start_at_a_time_against_twice_the_cpus_and_gives_a_verdict() throws Exception {
    JsonNode r = RecipeRuns.run(0, args("mount-storm", "--yes", "--set", "duration=0.4", "--set", "layers=20",
        "--set", "max-threads=4"));
    assertThat(r.get("outcome").asText()).isEqualTo("completed");
    JsonNode sweep = r.get("sweeps").get(0);
    assertThat(sweep.get("points")).extracting(p -> p.get("value").asLong()).contains(1L, 4L);
    assertThat(sweep.get("comparison").asText()).isIn(VERDICTS);
    assertThat(verdicts(r)).hasSize(1).allMatch(VERDICTS::contains);
    // Each point is a real storm: starts counted, latencies recorded in its histogram.
    r.get("measurements").forEach(m -> {
      assertThat(m.get("count").asLong()).isPositive();
      assertThat(m.get("histogram").asText()).isNotEmpty();
    });
  }

  @Test
  void idmap_strategy_at_the_layer_count_of_containerds_image_finds_common_parent_better() throws Exception {
    try (Containerd containerd = Containerd.start()) {
      TestImages.importImage(containerd, dir, "registry.test/app:12", TestImages.busyboxLayers(12));
      JsonNode r = RecipeRuns.run(0, args("idmap-strategy", "--yes", "--set", "duration=0.5", "--set", "threads=2",
          "--set", "containerd=" + containerd.address()));
      assertThat(r.get("measurements")).extracting(m -> m.get("settings").get("layers").asInt()).containsOnly(12);
      JsonNode cmp = r.get("comparisons").get(0);
      assertThat(cmp.get("before").asText()).isEqualTo("per-layer");
      assertThat(cmp.get("after").asText()).isEqualTo("common-parent");
      assertThat(cmp.get("verdict").asText()).isEqualTo("better");
      assertThat(cmp.get("statistics").get("ratio").asDouble()).isLessThan(1);
      assertThat(cmp.get("statistics").get("pValue").asDouble()).isLessThan(0.05);
      String version = Launcher.exec(List.of("containerd", "--version"), Map.of(), 30).out().split("\\s+")[2];
      assertThat(r.get("findings").toString()).contains("containerd " + version);
    }
  }

  @Test
  void idmap_strategy_without_containerd_falls_back_to_the_layers_parameter() throws Exception {
    JsonNode r = RecipeRuns.run(0, args("idmap-strategy", "--yes", "--set", "duration=0.4", "--set", "layers=15",
        "--set", "containerd=/nonexistent/containerd.sock"));
    assertThat(r.get("measurements")).extracting(m -> m.get("settings").get("layers").asInt()).containsOnly(15);
    assertThat(verdicts(r)).containsExactly("better");
  }

  @Test
  void concurrency_knee_sweeps_to_twice_the_cpus_and_recommends_a_cap() throws Exception {
    int cpus = (int) RecipeRuns.cpus();
    JsonNode r = RecipeRuns.run(0, args("concurrency-knee", "--answers", answers("cap: yes\nkeep: no\n").toString(),
        "--set", "duration=0.4", "--set", "layers=20", "--set", "points=3"));
    JsonNode sweep = r.get("sweeps").get(0);
    assertThat(sweep.get("points").get(0).get("value").asLong()).isEqualTo(1);
    assertThat(sweep.get("points").get(sweep.get("points").size() - 1).get("value").asLong()).isEqualTo(2L * cpus);
    assertThat(sweep.get("budgetMs").asDouble()).isEqualTo(2 * sweep.get("points").get(0).get("metricMs").asDouble());
    assertThat(verdicts(r)).isNotEmpty().allMatch(VERDICTS::contains);
    if (sweep.get("exceeded").asBoolean() && sweep.get("knee").asLong() > 0) {
      // The cap was applied to the workload, measured, compared, and lifted at the end (keep: no).
      assertThat(r.get("changes").get(0).get("status").asText()).isEqualTo("rolled back");
      JsonNode capped = r.get("measurements").get(r.get("measurements").size() - 1);
      assertThat(capped.get("settings").get("threads").asLong()).isEqualTo(sweep.get("knee").asLong());
      assertThat(verdicts(r)).hasSize(2);
    }
  }

  @Test
  void sysctl_tuning_measures_each_candidate_and_keeps_nothing_that_did_not_help() throws Exception {
    Path report = dir.resolve("sysctl-report");
    JsonNode r = RecipeRuns.run(0, args("sysctl-tuning", "--answers", answers("timer-migration: yes\n"
        + "numa-balancing: yes\nvfs-cache-pressure: yes\nsched-autogroup: yes\nkeep: no\n").toString(),
        "--set", "duration=0.4", "--set", "layers=20", "--report", report.toString()));
    assertThat(r.get("outcome").asText()).isEqualTo("completed");
    for (Map.Entry<String, String> c : RecipeRuns.SYSCTL_CANDIDATES.entrySet()) {
      JsonNode rows = changesOf(r, c.getKey());
      if (sysctlsBefore.get(c.getKey()).equals(c.getValue())) {
        assertThat(rows.get(0).get("status").asText()).as(c.getKey()).isEqualTo("unchanged");
        continue;
      }
      // Measured before and after, compared, and rolled back: at once when it did not help, at the end (keep: no) if it did.
      JsonNode cmp = comparisonOf(r, c.getKey());
      assertThat(cmp.get("verdict").asText()).isIn(VERDICTS);
      assertThat(rows.get(0).get("status").asText()).isEqualTo("rolled back");
      assertThat(rows.get(0).get("oldValue").asText()).isEqualTo(sysctlsBefore.get(c.getKey()));
      assertThat(r.get("findings").toString()).contains(c.getKey() + ": " + sysctlsBefore.get(c.getKey()) + " -> "
          + c.getValue() + ": " + cmp.get("verdict").asText());
    }
    assertThat(Files.readString(dir.resolve("sysctl-report.md"))).contains("# Sysctl tuning", "## Comparisons",
        "## Changes", "rolled back");
    assertThat(Json.mapper().readTree(dir.resolve("sysctl-report.json").toFile()).get("comparisons"))
        .hasSameSizeAs(r.get("comparisons"));
  }

  private static JsonNode changesOf(JsonNode r, String key) {
    List<JsonNode> rows = new java.util.ArrayList<>();
    r.get("changes").forEach(c -> {
      if (c.get("target").asText().equals(key)) {
        rows.add(c);
      }
    });
    assertThat(rows).as("changes of " + key).hasSize(1);
    return Json.mapper().valueToTree(rows);
  }

  private static JsonNode comparisonOf(JsonNode r, String key) {
    for (JsonNode c : r.get("comparisons")) {
      if (c.get("label").asText().contains(key)) {
        return c;
      }
    }
    throw new AssertionError("no comparison for " + key + " in " + r.get("comparisons"));
  }

  @Test
  void smt_toggle_switches_and_compares_where_the_kernel_allows_it_and_otherwise_says_why_it_skips() throws Exception {
    String control = Procfs.read("/sys/devices/system/cpu/smt/control").orElse("notimplemented");
    JsonNode r = RecipeRuns.run(0, args("smt-toggle", "--answers", answers("smt-off: yes\nsmt-on: yes\nkeep: no\n").toString(),
        SHORT[0], SHORT[1], SHORT[2], SHORT[3]));
    if (control.equals("on") || control.equals("off")) {
      assertThat(r.get("outcome").asText()).isEqualTo("completed");
      assertThat(verdicts(r)).hasSize(1).allMatch(VERDICTS::contains);
      assertThat(Procfs.read("/sys/devices/system/cpu/smt/control").orElseThrow()).isEqualTo(control);
    } else {
      assertThat(r.get("outcome").asText()).isEqualTo("skipped");
      assertThat(r.get("reason").asText()).isEqualTo(SmtActuator.whyNot(control));
      assertThat(r.get("measurements")).isEmpty();
    }
  }

  @Test
  void numa_placement_on_a_single_node_machine_explains_and_skips() throws Exception {
    int nodes = Facts.numaNodesWithCpus().size();
    JsonNode r = RecipeRuns.run(0, args("numa-placement", "--answers", answers("pin-containerd: no\n").toString(),
        SHORT[0], SHORT[1], SHORT[2], SHORT[3]));
    if (nodes < 2) {
      assertThat(r.get("outcome").asText()).isEqualTo("skipped");
      assertThat(r.get("reason").asText()).contains("this node has 1 NUMA node with CPUs");
    } else {
      assertThat(verdicts(r)).hasSize(1).allMatch(VERDICTS::contains);
    }
  }

  @Test
  void image_layers_measures_the_flattened_image_against_the_original() throws Exception {
    JsonNode r = RecipeRuns.run(0, args("image-layers", "--yes", "--set", "duration=0.4", "--set", "layers=30",
        "--set", "containerd=/nonexistent/containerd.sock"));
    assertThat(r.get("measurements")).extracting(m -> m.get("settings").get("layers").asInt()).containsExactly(30, 1);
    assertThat(verdicts(r)).hasSize(1).allMatch(VERDICTS::contains);
  }

  @Test
  void mountinfo_cost_times_reads_against_a_growing_table_in_a_private_namespace() throws Exception {
    JsonNode r = RecipeRuns.run(0, args("mountinfo-cost", "--yes", "--set", "max-extra=2000", "--set", "reads=60"));
    JsonNode sweep = r.get("sweeps").get(0);
    List<Long> sizes = new java.util.ArrayList<>();
    r.get("measurements").forEach(m -> sizes.add(m.get("tableSize").asLong()));
    // The table really grew by the mounts added: each point reads its own namespace's table.
    // (Within a few: other tests on this machine may mount on the host meanwhile, and each namespace copies its table.)
    assertThat(sizes.get(3) - sizes.get(0)).isBetween(1980L, 2020L);
    assertThat(sweep.get("slopeMsPerUnit").asDouble()).isPositive();
    assertThat(sweep.get("comparison").asText()).isEqualTo("worse");
  }
}
