package io.mountscope.recipe;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mountscope.testing.Launcher;
import io.mountscope.testing.Prerequisites;
import io.mountscope.util.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a user gets wrong, through the real launcher: a broken recipe file, a bad --set, a bad
 * answers file, no terminal and no --yes. Each is one line naming the file and line (or option),
 * exit 2, and nothing changed: no journal entry, no sysctl, no storm. Also: --dry-run changes
 * nothing, and list/show describe the built-in recipes.
 */
class RecipeInputIT {
  @TempDir
  Path dir;

  private Map<String, String> sysctls;
  private int journalLines;

  @BeforeEach
  void remember() {
    Prerequisites.root();
    sysctls = RecipeRuns.sysctls();
    journalLines = RecipeRuns.journal().entries().size();
  }

  private void nothingChanged() {
    assertThat(RecipeRuns.journal().entries()).hasSize(journalLines);
    assertThat(RecipeRuns.sysctls()).isEqualTo(sysctls);
  }

  /** A sysctl-tuning with one mistake at a known line. */
  private Path broken(String name, String from, String to) throws Exception {
    String text = Files.readString(Path.of("recipes/sysctl-tuning.yaml"));
    assertThat(text).contains(from);
    return Files.writeString(dir.resolve(name + ".yaml"), text.replace(from, to));
  }

  private static int lineOf(Path file, String text) throws Exception {
    List<String> lines = Files.readAllLines(file);
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains(text)) {
        return i + 1;
      }
    }
    throw new AssertionError(text + " not in " + file);
  }

  private void refused(Path file, String message, String... extra) throws Exception {
    List<String> args = new java.util.ArrayList<>(List.of("recipe", "run", file.toString(), "--yes"));
    args.addAll(List.of(extra));
    Launcher.Result r = Launcher.run(args.toArray(String[]::new));
    assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
    assertThat(r.errLines()).containsExactly("mountscope recipe run: " + message);
    assertThat(r.out()).isEmpty();
    nothingChanged();
  }

  @Test
  void an_unknown_key_fails_with_file_and_line_and_changes_nothing() throws Exception {
    Path f = broken("unknown-key", "      target: kernel.timer_migration", "      taget: kernel.timer_migration");
    refused(f, f + ":" + lineOf(f, "taget:") + ": unknown key 'taget' (known: actuator, id, metric, target, value, when, "
        + "why, workload)");
  }

  @Test
  void a_wrong_type_fails_with_file_and_line() throws Exception {
    Path f = broken("wrong-type", "      value: \"0\"\n      workload: storm", "      value: [0]\n      workload: storm");
    refused(f, f + ":" + lineOf(f, "value: [0]") + ": bad value for 'value': expected a single value (text or a number)");
  }

  @Test
  void a_missing_field_fails_with_the_steps_line() throws Exception {
    Path f = broken("missing", "      target: kernel.timer_migration\n", "");
    refused(f, f + ":" + lineOf(f, "- trial:") + ": trial 'timer-migration': missing 'target'");
  }

  @Test
  void an_unknown_actuator_fails_with_the_line_of_its_name() throws Exception {
    Path f = broken("actuator", "      actuator: sysctl\n      target: kernel.timer_migration",
        "      actuator: sysctrl\n      target: kernel.timer_migration");
    refused(f, f + ":" + lineOf(f, "sysctrl") + ": trial 'timer-migration': unknown actuator 'sysctrl' (known: sysctl, smt, "
        + "cpu-affinity, umount, concurrency-cap)");
  }

  @Test
  void an_unknown_parameter_reference_fails_with_the_line_of_the_reference() throws Exception {
    Path f = broken("param", "threads: \"{threads}\"", "threads: \"{thread}\"");
    refused(f, f + ":" + lineOf(f, "{thread}") + ": trial 'timer-migration': workload storm: unknown name 'thread' (known: "
        + "cpus, numa-nodes, smt-control, kernel, pattern, layers, threads, duration)");
  }

  @Test
  void a_bad_set_a_bad_answers_file_and_a_missing_terminal_are_refused_before_anything_runs() throws Exception {
    Path recipe = Path.of("recipes/sysctl-tuning.yaml").toAbsolutePath();
    refused(recipe, "--set threads=many: expected an integer", "--set", "threads=many");
    refused(recipe, "--set thread: recipe sysctl-tuning has no parameter 'thread' (parameters: pattern, layers, threads, "
        + "duration)", "--set", "thread=2");
    Path answers = Files.writeString(dir.resolve("answers.yaml"), "timer-migration: yes\ntimer-migraton: no\n");
    refused(recipe, answers + ":2: no question 'timer-migraton' in recipe sysctl-tuning (its questions: timer-migration, "
        + "numa-balancing, vfs-cache-pressure, sched-autogroup, keep)", "--answers", answers.toString());
    Launcher.Result r = Launcher.run("recipe", "run", "sysctl-tuning");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.errLines()).containsExactly("mountscope recipe run: recipe run asks before every change: run it on a "
        + "terminal, or pass --yes or --answers FILE (or --dry-run to see what it would do)");
    Launcher.Result unknown = Launcher.run("recipe", "run", "sysctl-tunning", "--yes");
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.err()).contains("no recipe 'sysctl-tunning'").contains("sysctl-tuning");
    nothingChanged();
  }

  @Test
  void a_dry_run_prints_every_change_with_old_and_new_values_and_makes_none() throws Exception {
    Launcher.Result r = Launcher.run("recipe", "run", "sysctl-tuning", "--dry-run", "--json");
    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode report = Json.mapper().readTree(r.out());
    assertThat(report.get("outcome").asText()).isEqualTo("dry-run");
    assertThat(report.get("measurements")).isEmpty();
    for (Map.Entry<String, String> c : RecipeRuns.SYSCTL_CANDIDATES.entrySet()) {
      JsonNode row = null;
      for (JsonNode ch : report.get("changes")) {
        if (ch.get("target").asText().equals(c.getKey())) {
          row = ch;
        }
      }
      assertThat(row).as(c.getKey()).isNotNull();
      assertThat(row.get("oldValue").asText()).isEqualTo(sysctls.get(c.getKey()));
      assertThat(row.get("status").asText()).isEqualTo(sysctls.get(c.getKey()).equals(c.getValue()) ? "unchanged" : "would apply");
    }
    assertThat(r.err()).contains("would change: sysctl kernel.timer_migration").contains("would measure");
    nothingChanged();
  }

  @Test
  void list_and_show_describe_the_built_in_recipes() throws Exception {
    Launcher.Result list = Launcher.run("recipe", "list", "--json");
    assertThat(list.exitCode()).isZero();
    JsonNode l = Json.mapper().readTree(list.out());
    assertThat(l.get("recipes")).extracting(e -> e.get("name").asText()).containsExactly("concurrency-knee",
        "idmap-strategy", "image-layers", "mount-storm", "mountinfo-cost", "numa-placement", "smt-toggle", "sysctl-tuning");
    assertThat(l.get("recipes")).allSatisfy(e -> assertThat(e.get("error").isNull()).isTrue());
    Launcher.Result show = Launcher.run("recipe", "show", "concurrency-knee", "--json");
    JsonNode s = Json.mapper().readTree(show.out());
    assertThat(s.get("questions")).extracting(JsonNode::asText).containsExactly("budget", "cap", "keep");
    assertThat(s.get("parameters")).extracting(p -> p.get("name").asText()).contains("budget-ms", "max-threads");
    assertThat(Launcher.run("recipe", "show", "smt-toggle").out()).contains("check: root, smt-control (otherwise skip)");
  }

  @Test
  void leaked_mounts_are_listed_and_removed_only_with_consent() throws Exception {
    Prerequisites.command("unshare", "util-linux");
    // A storm scratch whose worker is gone, in a mount namespace of the test's own: the host never sees it.
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    Path scratch = Path.of("/tmp/mountscope-stress." + gone.pid() + ".0");
    Files.createDirectories(scratch);
    try {
      for (String answer : List.of("no", "yes")) {
        Path answers = Files.writeString(dir.resolve("leaks-" + answer + ".yaml"), "leaks: " + answer + "\n");
        String script = "mount -t tmpfs mountscope-stress " + scratch + " && " + Launcher.executable()
            + " recipe run mountinfo-cost --answers " + answers + " --set max-extra=40 --set reads=5 --json > "
            + dir.resolve("report-" + answer + ".json") + "; echo mounts-left: $(grep -c ' " + scratch + " ' /proc/self/mountinfo)";
        Launcher.Result r = Launcher.exec(List.of("unshare", "--mount", "--propagation", "private", "sh", "-c", script),
            Map.of(), 120);
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode report = Json.mapper().readTree(dir.resolve("report-" + answer + ".json").toFile());
        assertThat(report.get("findings").toString()).contains("leaked mounts: 1 {storm-scratch=1}");
        if (answer.equals("yes")) {
          assertThat(r.out()).contains("mounts-left: 0");
          JsonNode change = report.get("changes").get(0);
          assertThat(change.get("actuator").asText()).isEqualTo("umount");
          assertThat(change.get("target").asText()).isEqualTo(scratch.toString());
          assertThat(change.get("status").asText()).isEqualTo("done");
        } else {
          assertThat(r.out()).contains("mounts-left: 1");
          assertThat(report.get("changes").get(0).get("status").asText()).isEqualTo("declined");
        }
      }
    } finally {
      Files.deleteIfExists(scratch);
    }
    assertThat(RecipeRuns.pending()).isEmpty();
  }
}
