package io.mountscope.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mountscope.journal.ChangeJournal;
import io.mountscope.testing.Launcher;
import io.mountscope.testing.TestDirs;
import io.mountscope.testing.Tmux;
import io.mountscope.util.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Plugins' recipe steps through the real launcher: systemd-pressure's systemd-cpu step read before
 * and after a plugin lever and compared; its bad arguments and unknown kinds are file:line and exit
 * 2 with nothing run; a step that throws or hangs fails the run, which rolls back the lever, and
 * the console goes on; `plugins --json` says which step kinds each plugin adds, and refuses taken
 * ones.
 */
class PluginStepsIT {
  private final List<Process> started = new ArrayList<>();
  private Path plugins;
  private Path knob;
  private Path work;

  @AfterAll
  static void removeDirs() throws java.io.IOException {
    PluginsIT.removeTree(PluginsIT.BASE);
  }

  @BeforeEach
  void setUp() throws Exception {
    plugins = PluginsIT.freshDir("step-plugins");
    PluginJars.lever(plugins);
    PluginJars.steps(plugins, "step-faults", "1.1", "ThrowingStep", "HangingStep");
    work = PluginsIT.freshDir("step-work");
    knob = Files.writeString(work.resolve("max-parallel-starts"), "20");
  }

  @AfterEach
  void stopProcesses() {
    started.forEach(Process::destroyForcibly);
  }

  private Map<String, String> env() {
    Map<String, String> env = new HashMap<>();
    env.put("MOUNTSCOPE_PLUGINS", plugins + ":" + PluginJars.examples());
    env.put("MOUNTSCOPE_PLUGIN_LEVER_DIR", work.toString());
    return env;
  }

  private long start(String shell) throws Exception {
    Process p = new ProcessBuilder("sh", "-c", shell).redirectErrorStream(true).start();
    started.add(p);
    return p.pid();
  }

  private Path recipe(String name, String steps) throws Exception {
    return Files.writeString(work.resolve(name + ".yaml"), "title: " + name + "\ndescription: a test of plugin steps\n"
        + "parameters:\n  busy: {type: int, default: 1, help: a process that spins}\n"
        + "  idle: {type: int, default: 1, help: a process that sleeps}\n"
        + "  window: {type: number, default: 2, help: each window}\nsteps:\n" + steps);
  }

  private Launcher.Result run(Path recipe, String... more) throws Exception {
    List<String> args = new ArrayList<>(List.of("recipe", "run", recipe.toString()));
    args.addAll(List.of(more));
    return Launcher.run(env(), 120, args.toArray(String[]::new));
  }

  private static final String LEVER = "  - apply: {id: cap, actuator: lever-file, target: max-parallel-starts, value: \"4\"}\n";

  @Test
  void systemd_cpu_reads_a_spinning_process_then_a_sleeping_one_and_the_comparison_says_better() throws Exception {
    long busy = start("while :; do :; done");
    long idle = start("exec sleep 600");
    Path r = recipe("calmer", "  - systemd-cpu: {id: before, pid: \"{busy}\", seconds: \"{window}\"}\n" + LEVER
        + "  - systemd-cpu: {id: after, pid: \"{idle}\", seconds: \"{window}\"}\n"
        + "  - compare: {id: cpu, before: before, after: after, metric: share}\n"
        + "  - explain: {text: \"calmer: {cpu.ratio} of before\", when: \"{after.share} < {before.share}\"}\n"
        + "  - explain: {text: \"not said\", when: \"{before.peak} < {before.share}\"}\n");
    Path answers = Files.writeString(work.resolve("answers.yaml"), "cap: yes\nkeep: no\n");
    Launcher.Result res = run(r, "--set", "busy=" + busy, "--set", "idle=" + idle, "--answers", answers.toString(),
        "--json");
    assertThat(res.exitCode()).as(res.err()).isZero();
    JsonNode rep = Json.mapper().readTree(res.out());
    JsonNode before = reading(rep, "before");
    JsonNode after = reading(rep, "after");
    assertThat(before.get("step").asText()).isEqualTo("systemd-cpu");
    assertThat(before.get("plugin").asText()).isEqualTo("systemd-pressure");
    // A shell loop spins one CPU; on a shared two-CPU machine it gets at least a fair part of one.
    JsonNode share = output(before, "share");
    assertThat(share.get("unit").asText()).isEqualTo("CPUs");
    assertThat(share.get("value").asDouble()).isBetween(0.2, 1.05);
    assertThat(share.get("samples")).hasSize(8);
    double mean = StreamSupport.stream(share.get("samples").spliterator(), false).mapToDouble(JsonNode::asDouble)
        .average().orElseThrow();
    assertThat(share.get("value").asDouble()).isCloseTo(mean, org.assertj.core.data.Offset.offset(0.06));
    assertThat(output(before, "peak").get("value").asDouble()).isGreaterThanOrEqualTo(share.get("value").asDouble());
    // A sleeping process uses no CPU at all: /proc says 0 ticks, every slice.
    assertThat(output(after, "share").get("value").asDouble()).isZero();
    assertThat(output(after, "peak").get("value").asDouble()).isZero();
    long lines = Files.readAllLines(Path.of("/proc/" + idle + "/mountinfo")).size();
    assertThat(output(after, "mount-units").get("value").asLong()).isBetween(lines - 50, lines + 50);

    JsonNode cmp = rep.get("comparisons").get(0);
    assertThat(cmp.get("id").asText()).isEqualTo("cpu");
    assertThat(cmp.get("statistics").isNull()).isTrue();
    assertThat(cmp.get("verdict").asText()).isEqualTo("better");
    JsonNode row = cmp.get("outputs").get(0);
    assertThat(row.get("name").asText()).isEqualTo("share");
    assertThat(row.get("before").asDouble()).isEqualTo(share.get("value").asDouble());
    assertThat(row.get("after").asDouble()).isZero();
    assertThat(row.get("ratio").asDouble()).isZero();
    assertThat(res.err()).contains("reading pid " + busy + " (sh) for 2 s", "calmer: 0 of before")
        .doesNotContain("not said");
    // The lever in between was journaled and rolled back at the end (keep: no).
    assertThat(rep.get("changes").get(0).get("status").asText()).isEqualTo("rolled back");
    assertThat(Files.readString(knob)).isEqualTo("20");
  }

  @Test
  void the_shipped_systemd_cpu_recipe_runs_with_its_step() throws Exception {
    // As the build ships it (install.sh copies it to <install>/plugins/systemd-pressure/recipes/).
    Path shipped = Launcher.dist().resolve("plugins/systemd-pressure/recipes/systemd-cpu.yaml").toAbsolutePath();
    assertThat(Files.readString(shipped)).isEqualTo(Files.readString(Path.of("plugins/systemd-pressure/recipes/"
        + "systemd-cpu.yaml")));
    long busy = start("while :; do :; done");
    Path answers = Files.writeString(work.resolve("answers.yaml"), "leaks: no\nkeep: no\n");
    Launcher.Result res = run(shipped, "--set", "pid=" + busy, "--set", "seconds=1", "--answers", answers.toString(),
        "--json");
    assertThat(res.exitCode()).as(res.err()).isZero();
    JsonNode rep = Json.mapper().readTree(res.out());
    assertThat(output(reading(rep, "before"), "share").get("samples")).hasSize(4);
    assertThat(output(reading(rep, "after"), "share").get("value").asDouble()).isBetween(0.2, 1.05);
    assertThat(rep.get("comparisons").get(0).get("outputs")).extracting(n -> n.get("name").asText())
        .containsExactly("share", "peak", "mount-units");
    assertThat(res.err()).contains("systemd used", "of a CPU (peak");
    Launcher.Result show = Launcher.run(env(), 60, "recipe", "show", shipped.toString());
    assertThat(show.exitCode()).as(show.err()).isZero();
    assertThat(show.out()).contains("systemd-cpu before: a plugin's step with seconds {seconds}, pid {pid}");
    Launcher.Result dry = run(shipped, "--dry-run");
    assertThat(dry.exitCode()).as(dry.err()).isZero();
    assertThat(dry.out()).contains("would run systemd-cpu (plugin systemd-pressure: systemd's CPU share (of one CPU) "
        + "over a window, and its mount units) with seconds 5, pid 1", "would compare after against before");
    // With pid 1 as it is on this machine: read when it is systemd, else the step fails and says why (exit 3).
    String comm = Files.readString(Path.of("/proc/1/comm")).strip();
    Launcher.Result pid1 = run(shipped, "--set", "seconds=0.5", "--answers", answers.toString());
    if (comm.equals("systemd")) {
      assertThat(pid1.exitCode()).as(pid1.err()).isZero();
    } else {
      String why = "systemd-cpu (plugin systemd-pressure): pid 1 is " + comm + ", not systemd (give pid: to read "
          + "systemd elsewhere)";
      assertThat(pid1.exitCode()).as(pid1.err()).isEqualTo(3);
      assertThat(pid1.out()).contains("step failed: " + why);
      assertThat(pid1.errLines()).containsExactly("mountscope recipe run: " + why);
    }
  }

  @Test
  void bad_arguments_and_unknown_step_kinds_are_file_and_line_exit_2_and_nothing_runs() throws Exception {
    int journaled = journal().entries().size();
    Path answers = Files.writeString(work.resolve("answers.yaml"), "cap: yes\nkeep: yes\n");
    Path tooLong = recipe("too-long", LEVER + "  - systemd-cpu: {id: a, seconds: 1000}\n");
    refused(run(tooLong, "--answers", answers.toString()), tooLong + ":9: systemd-cpu 'a': seconds: must be between "
        + "0.5 and 300 (got 1000)");
    Path fromSet = recipe("from-set", LEVER + "  - systemd-cpu: {id: a, seconds: \"{window}\"}\n");
    refused(run(fromSet, "--set", "window=0.1", "--answers", answers.toString()), fromSet + ":9: systemd-cpu 'a': "
        + "seconds: must be between 0.5 and 300 (got 0.1)");
    Path typo = recipe("typo", LEVER + "  - systemd-cpu:\n      id: a\n      secs: 2\n");
    refused(run(typo, "--answers", answers.toString()), typo + ":11: unknown key 'secs' (known: id, pid, seconds, when)");
    Path type = recipe("type", LEVER + "  - systemd-cpu: {id: a, pid: init}\n");
    refused(run(type, "--answers", answers.toString()), type + ":9: systemd-cpu 'a': pid: expected an integer, got "
        + "text ('init')");
    Path unknown = recipe("unknown", LEVER + "  - kubelet-starts: {id: a}\n");
    Launcher.Result u = run(unknown, "--answers", answers.toString());
    assertThat(u.exitCode()).isEqualTo(2);
    assertThat(u.errLines()).hasSize(1);
    assertThat(u.errLines().get(0)).contains(unknown + ":9: unknown step 'kubelet-starts': no loaded plugin provides "
        + "it (known: explain, check, ").contains("leaked-mounts, faulty-step, hanging-step, systemd-cpu;");
    // Nothing ran: the lever before the mistake was never pulled, the journal has nothing of these runs.
    assertThat(Files.readString(knob)).isEqualTo("20");
    assertThat(journal().entries()).hasSize(journaled);
  }

  private static void refused(Launcher.Result r, String line) {
    assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(2);
    assertThat(r.errLines()).containsExactly("mountscope recipe run: " + line);
  }

  @Test
  void a_step_that_throws_or_hangs_fails_the_run_which_rolls_back_the_lever() throws Exception {
    Path answers = Files.writeString(work.resolve("answers.yaml"), "cap: yes\nkeep: yes\n");
    Path log = PluginsIT.freshDir("step-log");
    Map<String, String> env = env();
    env.put("MOUNTSCOPE_LOG_DIR", log.toString());
    for (String kind : List.of("faulty-step", "hanging-step")) {
      Files.writeString(knob, "20");
      Path r = recipe(kind, LEVER + "  - " + kind + ": {id: broken}\n  - explain: never reached\n");
      long t0 = System.nanoTime();
      Launcher.Result res = Launcher.run(env, 120, "recipe", "run", r.toString(), "--answers", answers.toString(),
          "--json");
      double seconds = (System.nanoTime() - t0) / 1e9;
      assertThat(res.exitCode()).as(res.err()).isEqualTo(4);
      JsonNode rep = Json.mapper().readTree(res.out());
      assertThat(rep.get("outcome").asText()).isEqualTo("failed");
      assertThat(rep.get("changes").get(0).get("status").asText()).isEqualTo("rolled back");
      assertThat(Files.readString(knob)).as("the lever is back as it was").isEqualTo("20");
      String why = kind.equals("faulty-step")
          ? "faulty-step (plugin step-faults) failed: IllegalStateException: faulty step cannot measure (stack trace in "
              + "the log)"
          : "hanging-step (plugin step-faults) overran its budget of 1 s and was given up";
      assertThat(rep.get("reason").asText()).startsWith(why + "; every change rolled back");
      assertThat(res.err()).contains("step failed: " + why).doesNotContain("\tat ", "never reached");
      // The hung thread does not hold the process: it ends as soon as the rollback is done.
      assertThat(seconds).isLessThan(30);
    }
    assertThat(Files.readString(log.resolve("mountscope.log"))).contains("step faulty-step of plugin step-faults failed",
        "java.lang.IllegalStateException: faulty step cannot measure",
        "io.mountscope.plugin.faulty.ThrowingStep.run(ThrowingStep.java",
        "step hanging-step of plugin step-faults overran its budget of 1 s");
    assertThat(journal().pending()).as("no lever change left pending for recover").noneMatch(c ->
        c.kind().equals("lever-file"));
  }

  private static ChangeJournal journal() {
    return ChangeJournal.open(TestDirs.stateDir().resolve(ChangeJournal.FILE));
  }

  @Test
  void at_the_console_a_throwing_step_fails_its_recipe_and_the_console_goes_on() throws Exception {
    Path answers = Files.writeString(work.resolve("answers.yaml"), "cap: yes\nkeep: yes\n");
    Path r = recipe("console-faulty", LEVER + "  - faulty-step: {id: broken}\n");
    String launch = "sleep 1; MOUNTSCOPE_PLUGINS='" + plugins + ":" + PluginJars.examples() + "' MOUNTSCOPE_PLUGIN_LEVER_DIR='"
        + work + "' " + Launcher.executable();
    try (Tmux t = Tmux.start(200, 50, "xterm-256color", launch)) {
      t.awaitText("q quit", 40);
      t.send(":");
      t.awaitText("mountscope>", 20);
      t.type("recipe run " + r + " --answers " + answers);
      t.send("Enter");
      t.awaitText("faulty step cannot measure", 60);
      // The failure is printed before the rollback writes the lever back: give the rollback its moment.
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (!Files.readString(knob).equals("20") && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertThat(Files.readString(knob)).isEqualTo("20");
      t.type("plugins");
      t.send("Enter");
      String screen = t.await(s -> s.contains("step systemd-cpu") && s.contains("searched:"), 30,
          "the plugins list at the console after the failed recipe");
      assertThat(screen).contains("step faulty-step, step hanging-step").doesNotContain("\tat io.");
    }
  }

  @Test
  void plugins_json_lists_the_step_kinds_and_refuses_taken_ones_and_steps_of_api_1_0() throws Exception {
    Path dir = PluginsIT.freshDir("step-kinds");
    Path clash = PluginJars.steps(dir, "steps-clash", "1.1", "ClashingStep");
    Path first = PluginJars.steps(dir, "steps-first", "1.1", "ThrowingStep");
    Path second = PluginJars.steps(dir, "steps-second", "1.1", "ThrowingStep");
    Path old = PluginJars.steps(dir, "steps-old", "1.0", "HangingStep");
    JsonNode list = listing(dir);
    assertThat(list.get("api").asText()).isEqualTo("1.1");
    PluginsIT.assertRefused(PluginsIT.entry(list, clash.toString()), "its recipe step 'measure' is taken by a built-in step");
    assertThat(PluginsIT.entry(list, first.toString()).get("adds")).extracting(JsonNode::asText)
        .containsExactly("step faulty-step");
    PluginsIT.assertRefused(PluginsIT.entry(list, second.toString()), "its recipe step 'faulty-step' is taken by plugin "
        + "steps-first");
    PluginsIT.assertRefused(PluginsIT.entry(list, old.toString()), "adds a recipe step, which needs plugin API 1.1 (it "
        + "declares 1.0)");
    JsonNode systemd = PluginsIT.entry(listing(PluginJars.examples()), PluginJars.example("systemd-pressure").toString());
    assertThat(systemd.get("api").asText()).isEqualTo("1.1");
    assertThat(systemd.get("adds")).extracting(JsonNode::asText).containsExactly("probe", "panel", "rule",
        "step systemd-cpu");
  }

  private static JsonNode listing(Path dir) throws Exception {
    Launcher.Result r = Launcher.run(Map.of("MOUNTSCOPE_PLUGINS", dir.toString()), 60, "plugins", "--json");
    assertThat(r.exitCode()).as(r.err()).isZero();
    return Json.mapper().readTree(r.out());
  }

  private static JsonNode reading(JsonNode report, String id) {
    return StreamSupport.stream(report.get("readings").spliterator(), false).filter(n -> n.get("id").asText().equals(id))
        .findFirst().orElseThrow(() -> new AssertionError("no reading " + id + " in " + report.get("readings")));
  }

  private static JsonNode output(JsonNode reading, String name) {
    return StreamSupport.stream(reading.get("outputs").spliterator(), false)
        .filter(n -> n.get("name").asText().equals(name)).findFirst().orElseThrow();
  }
}
