package io.mountscope.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mountscope.testing.Launcher;
import io.mountscope.testing.Prerequisites;
import io.mountscope.util.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Plugins as a site installs them, through the real launcher: the two examples load and show up
 * in `plugins`, `snapshot --json` and `kubelet-starts`; jars and directories root must not trust,
 * jars for another API and broken jars are refused with their reasons, never a crash.
 */
class PluginsIT {
  private static KubeletPage kubelet;
  private static String kubeletUrl;

  @BeforeAll
  static void serveKubeletMetrics() throws IOException {
    kubelet = new KubeletPage();
    kubeletUrl = kubelet.url();
  }

  @AfterAll
  static void stop() throws IOException {
    kubelet.close();
    removeTree(BASE);
  }

  static Map<String, String> env(Path pluginDir) {
    Map<String, String> env = new HashMap<>();
    env.put("MOUNTSCOPE_PLUGIN_KUBELET_URL", kubeletUrl);
    env.put("MOUNTSCOPE_PLUGINS", (pluginDir != null ? pluginDir : PluginJars.examples()).toString());
    return env;
  }

  /**
   * Where the tests' plugin directories live. As root, a plugin path must be root-owned and not
   * writable by others all the way up: a clone under /tmp (or a shared CI workspace) is not, /run is.
   */
  static final Path BASE = Path.of("/run", "mountscope-plugin-it");

  /** A fresh directory under {@link #BASE} (root-owned, 0755 all the way up). */
  static Path freshDir(String name) throws IOException {
    Path dir = BASE.resolve(name);
    removeTree(dir);
    Files.createDirectories(dir);
    Files.setPosixFilePermissions(BASE, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    return dir;
  }

  /** Removes {@code dir} and everything below it, if it exists. */
  static void removeTree(Path dir) throws IOException {
    if (Files.exists(dir)) {
      try (var walk = Files.walk(dir)) {
        walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  static JsonNode listing(Path pluginDir) throws Exception {
    Launcher.Result r = Launcher.run(env(pluginDir), 60, "plugins", "--json");
    assertThat(r.exitCode()).as(r.err()).isZero();
    return Json.mapper().readTree(r.out());
  }

  static JsonNode entry(JsonNode listing, String file) {
    return StreamSupport.stream(listing.get("plugins").spliterator(), false)
        .filter(e -> e.get("file").asText().equals(file)).findFirst()
        .orElseThrow(() -> new AssertionError("no entry for " + file + " in " + listing.toPrettyString()));
  }

  @Test
  void both_example_plugins_load_and_say_what_they_add() throws Exception {
    JsonNode list = listing(null);
    assertThat(list.get("api").asText()).isEqualTo("1.1");
    JsonNode systemd = entry(list, PluginJars.example("systemd-pressure").toString());
    assertThat(systemd.get("state").asText()).isEqualTo("loaded");
    assertThat(systemd.get("version").asText()).isEqualTo("1.1.0");
    assertThat(systemd.get("adds")).extracting(JsonNode::asText).containsExactly("probe", "panel", "rule",
        "step systemd-cpu");
    JsonNode kube = entry(list, PluginJars.example("kubelet").toString());
    assertThat(kube.get("state").asText()).isEqualTo("loaded");
    assertThat(kube.get("adds")).extracting(JsonNode::asText).containsExactly("probe", "panel", "command kubelet-starts");
    assertThat(kube.get("reason").isNull()).isTrue();

    Launcher.Result text = Launcher.run(env(null), 60, "plugins");
    assertThat(text.exitCode()).isZero();
    assertThat(text.out()).containsPattern("kubelet +1\\.0\\.0 +1\\.0 +loaded +probe, panel, command kubelet-starts")
        .containsPattern("systemd-pressure +1\\.1\\.0 +1\\.1 +loaded +probe, panel, rule, step systemd-cpu");
  }

  @Test
  void kubelet_pod_start_latency_from_a_captured_kubelet_page_is_in_snapshot_json() throws Exception {
    Launcher.Result r = Launcher.run(env(null), 90, "snapshot", "--json", "--window", "0.5");
    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode model = Json.mapper().readTree(r.out());
    assertThat(model.get("probes").get("kubelet").get("state").asText()).isEqualTo("ok");
    JsonNode k = model.get("plugins").get("kubelet");
    // The page: 60 starts, 30 under 5 ms, 53 under 5 s, 57 under 10 s, 3 slower (histogram_quantile's answers).
    assertThat(k.get("metric").asText()).isEqualTo("kubelet_pod_start_duration_seconds");
    assertThat(k.get("starts").asLong()).isEqualTo(60);
    assertThat(k.get("p50Seconds").asDouble()).isEqualTo(0.005);
    assertThat(k.get("p90Seconds").asDouble()).isEqualTo(5 + 5 * (54 - 53) / 4.0);
    assertThat(k.get("p99Seconds").asDouble()).isEqualTo(10.0);
    assertThat(k.get("meanSeconds").asDouble()).isEqualTo(202.36887400600008 / 60);
    assertThat(k.get("runningPods").asLong()).isEqualTo(29);
    assertThat(k.get("kubeletVersion").asText()).isEqualTo("v1.21.2");

    Launcher.Result cmd = Launcher.run(env(null), 60, "kubelet-starts");
    assertThat(cmd.exitCode()).as(cmd.err()).isZero();
    assertThat(cmd.out()).contains("60 starts since the kubelet started", "p90 6.250 s", "p99 10.000 s");
    Launcher.Result help = Launcher.run(env(null), 60, "kubelet-starts", "--help");
    assertThat(help.exitCode()).isZero();
    assertThat(help.out()).startsWith("Usage: mountscope kubelet-starts");
    Launcher.Result bad = Launcher.run(env(null), 60, "kubelet-starts", "--bogus");
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.errLines()).containsExactly("kubelet-starts: takes no arguments (got --bogus)");
  }

  @Test
  void kubelet_latency_is_watched_recorded_and_replayed_and_the_recording_reads_without_the_plugin() throws Exception {
    Launcher.Result watch = Launcher.run(env(null), 60, "watch", "--json", "--count", "2", "--interval", "0.5");
    assertThat(watch.exitCode()).as(watch.err()).isZero();
    for (String line : watch.out().lines().toList()) {
      assertThat(Json.mapper().readTree(line).get("plugins").get("kubelet").get("p90Seconds").asDouble()).isEqualTo(6.25);
    }
    Path dir = freshDir("recording");
    Path file = dir.resolve("kubelet.msrec");
    Launcher.Result rec = Launcher.run(env(null), 60, "record", "-o", file.toString(), "--seconds", "2", "--interval", "1");
    assertThat(rec.exitCode()).as(rec.err()).isZero();
    Launcher.Result replay = Launcher.run(env(null), 60, "replay", file.toString(), "--json");
    assertThat(replay.exitCode()).as(replay.err()).isZero();
    List<String> models = replay.out().lines().toList();
    assertThat(models).isNotEmpty();
    for (String line : models) {
      JsonNode k = Json.mapper().readTree(line).get("plugins").get("kubelet");
      assertThat(k.get("p99Seconds").asDouble()).isEqualTo(10.0);
      assertThat(k.get("runningPods").asLong()).isEqualTo(29);
    }
    // Where no kubelet plugin is installed (an empty plugins directory as the install's), the raw part reads as recorded.
    Path bareHome = freshDir("bare-home");
    Files.createDirectory(bareHome.resolve("plugins"));
    Launcher.Result bare = Launcher.exec(List.of(ProcessHandle.current().info().command().orElse("java"),
        "-Dmountscope.home=" + bareHome, "-jar", Launcher.dist().resolve("lib/mountscope.jar").toString(),
        "replay", file.toString(), "--json"), Map.of(), 60);
    assertThat(bare.exitCode()).as(bare.err()).isZero();
    JsonNode raw = Json.mapper().readTree(bare.out().lines().findFirst().orElseThrow()).get("plugins").get("kubelet");
    assertThat(raw.has("p99Seconds")).isFalse();
    assertThat(raw.get("podStarts").get("count").asDouble()).isEqualTo(60);
    assertThat(raw.get("podStarts").get("le").get(11).asText()).isEqualTo("+Inf");
    assertThat(raw.get("podStarts").get("buckets").get(9).asDouble()).isEqualTo(53);
  }

  @Test
  void install_sh_installs_the_examples_under_the_prefix_where_root_loads_them() throws Exception {
    Prerequisites.root();
    Path prefix = freshDir("install").resolve("opt/mountscope");
    List<String> install = List.of("bash", Path.of("install.sh").toAbsolutePath().toString(), "--dist",
        Launcher.dist().toString(), "--prefix", prefix.toString());
    Launcher.Result r = Launcher.exec(install, Map.of(), 300);
    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
    Launcher.Result list = Launcher.exec(List.of(prefix.resolve("bin/mountscope").toString(), "plugins", "--json"),
        Map.of("MOUNTSCOPE_PLUGINS", ""), 60);
    assertThat(list.exitCode()).as(list.err()).isZero();
    JsonNode json = Json.mapper().readTree(list.out());
    assertThat(json.get("dirs")).extracting(JsonNode::asText).containsExactly(prefix.resolve("plugins").toString());
    for (String name : List.of("kubelet", "systemd-pressure")) {
      assertThat(entry(json, prefix.resolve("plugins/" + name + ".jar").toString()).get("state").asText()).isEqualTo("loaded");
    }
    Path example = prefix.resolve("plugins/systemd-pressure/recipes/systemd-cpu.yaml");
    assertThat(example).as("the plugin's example recipe, beside its jar").exists();
    // A site's own plugin in the same directory is not install.sh's to remove.
    Path site = Files.copy(PluginJars.example("kubelet"), prefix.resolve("plugins/site-kubelet.jar"));
    Launcher.Result un = Launcher.exec(List.of("bash", Path.of("install.sh").toAbsolutePath().toString(), "--uninstall",
        "--prefix", prefix.toString()), Map.of(), 120);
    assertThat(un.exitCode()).as(un.out() + un.err()).isZero();
    assertThat(prefix.resolve("plugins/kubelet.jar")).doesNotExist();
    assertThat(prefix.resolve("plugins/systemd-pressure")).doesNotExist();
    assertThat(site).exists();
  }

  @Test
  void a_recipe_pulls_a_plugins_lever_through_the_journal_and_rolls_it_back() throws Exception {
    Path plugins = freshDir("lever");
    PluginJars.lever(plugins);
    Path knobs = freshDir("lever-knobs");
    Path knob = Files.writeString(knobs.resolve("max-parallel-starts"), "20");
    Path recipes = freshDir("lever-recipes");
    Files.writeString(recipes.resolve("fewer-starts.yaml"), """
        title: fewer parallel starts
        description: caps the orchestrator's parallel pod starts, through a plugin's actuator
        steps:
          - apply: {id: cap, actuator: lever-file, target: max-parallel-starts, value: "4", why: fewer starts at once}
        """);
    Map<String, String> env = env(plugins);
    env.put("MOUNTSCOPE_PLUGIN_LEVER_DIR", knobs.toString());
    env.put("MOUNTSCOPE_RECIPES", recipes.toString());
    // Without its setting the lever cannot start: refused, with why.
    JsonNode unset = entry(listing(plugins), plugins.resolve("lever.jar").toString());
    assertRefused(unset, "its actuator lever-file did not start: IllegalStateException: no dir setting");
    JsonNode list = Json.mapper().readTree(Launcher.run(env, 60, "plugins", "--json").out());
    assertThat(entry(list, plugins.resolve("lever.jar").toString()).get("adds")).extracting(JsonNode::asText)
        .containsExactly("actuator lever-file");
    Launcher.Result show = Launcher.run(env, 60, "recipe", "show", "fewer-starts");
    assertThat(show.exitCode()).as(show.out() + show.err()).isZero();

    Path answers = Files.writeString(knobs.resolve("answers.yaml"), "cap: yes\nkeep: no\n");
    Launcher.Result rolledBack = Launcher.run(env, 60, "recipe", "run", "fewer-starts", "--answers", answers.toString(), "--json");
    assertThat(rolledBack.exitCode()).as(rolledBack.out() + rolledBack.err()).isZero();
    JsonNode change = Json.mapper().readTree(rolledBack.out()).get("changes").get(0);
    assertThat(change.get("oldValue").asText()).isEqualTo("20");
    assertThat(change.get("newValue").asText()).isEqualTo("4");
    assertThat(change.get("status").asText()).isEqualTo("rolled back");
    assertThat(Files.readString(knob)).isEqualTo("20");

    Files.writeString(answers, "cap: yes\nkeep: yes\n");
    Launcher.Result kept = Launcher.run(env, 60, "recipe", "run", "fewer-starts", "--answers", answers.toString(), "--json");
    assertThat(kept.exitCode()).as(kept.out() + kept.err()).isZero();
    assertThat(Files.readString(knob)).isEqualTo("4");
  }

  @Test
  void systemd_pressure_reads_pid_1_or_says_what_pid_1_is() throws Exception {
    String comm = Files.readString(Path.of("/proc/1/comm")).strip();
    Launcher.Result r = Launcher.run(env(null), 90, "snapshot", "--json", "--window", "0.5");
    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode model = Json.mapper().readTree(r.out());
    JsonNode status = model.get("probes").get("systemd-pressure");
    if (comm.equals("systemd")) {
      assertThat(status.get("state").asText()).isEqualTo("ok");
      long lines = Files.readAllLines(Path.of("/proc/1/mountinfo")).size();
      JsonNode part = model.get("plugins").get("systemd-pressure");
      assertThat(part.get("mountUnits").asLong()).isBetween(lines - 50, lines + 50);
      assertThat(part.get("cpuShare").asDouble()).isBetween(0.0, 64.0);
    } else {
      assertThat(status.get("state").asText()).isEqualTo("unavailable");
      assertThat(status.get("reason").asText()).isEqualTo("pid 1 is " + comm + ", not systemd");
      assertThat(model.get("plugins").has("systemd-pressure")).isFalse();
    }
  }

  @Test
  void root_refuses_a_world_writable_plugin_directory_and_jars_others_could_replace() throws Exception {
    Prerequisites.root();
    Path base = freshDir("untrusted");
    Path open = Files.createDirectory(base.resolve("open"));
    Files.copy(PluginJars.example("kubelet"), open.resolve("kubelet.jar"));
    Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxrwxrwx"));
    Path trusted = Files.createDirectory(base.resolve("trusted"));
    Path groupWritable = Files.copy(PluginJars.example("kubelet"), trusted.resolve("group-writable.jar"));
    Files.setPosixFilePermissions(groupWritable, PosixFilePermissions.fromString("rw-rw-r--"));
    Path nobodys = Files.copy(PluginJars.example("systemd-pressure"), trusted.resolve("nobodys.jar"));
    Files.setAttribute(nobodys, "unix:uid", 65534);
    Path below = Files.createDirectories(base.resolve("shared/plugins"));
    // Like /tmp: world-writable with the sticky bit, which protects files but not a directory below.
    assertThat(Launcher.exec(List.of("chmod", "1777", base.resolve("shared").toString()), Map.of(), 10).exitCode()).isZero();
    Path underShared = Files.copy(PluginJars.example("kubelet"), below.resolve("kubelet.jar"));

    Map<String, String> e = env(open);
    e.put("MOUNTSCOPE_PLUGINS", String.join(":", open.toString(), trusted.toString(), below.toString(),
        PluginJars.examples().toString()));
    Launcher.Result r = Launcher.run(e, 60, "plugins", "--json");
    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode list = Json.mapper().readTree(r.out());
    assertRefused(entry(list, open.resolve("kubelet.jar").toString()), open + " is writable by others (mode 0777)");
    assertRefused(entry(list, groupWritable.toString()), groupWritable + " is writable by its group (mode 0664)");
    assertRefused(entry(list, nobodys.toString()), nobodys + " is owned by uid 65534, not root");
    assertRefused(entry(list, underShared.toString()), base.resolve("shared")
        + " is writable by others (mode 1777) (on the path of " + below + ")");
    // The installed examples still load: one bad directory costs only its own jars.
    assertThat(entry(list, PluginJars.example("systemd-pressure").toString()).get("state").asText()).isEqualTo("loaded");

    Launcher.Result text = Launcher.run(e, 60, "plugins");
    assertThat(text.out()).contains("refused: " + open + " is writable by others (mode 0777)");
  }

  static void assertRefused(JsonNode entry, String reason) {
    assertThat(entry.get("state").asText()).as(entry.toString()).isEqualTo("refused");
    assertThat(entry.get("reason").asText()).isEqualTo(reason);
  }

  @Test
  void a_plugin_built_for_another_api_version_is_refused_with_the_versions() throws Exception {
    Path dir = freshDir("api-versions");
    Path two = PluginJars.withManifest(PluginJars.example("kubelet"), dir.resolve("kubelet-api2.jar"),
        Map.of("Mountscope-Plugin-Api", "2.0", "Mountscope-Plugin-Name", "kubelet-next"));
    Path newer = PluginJars.withManifest(PluginJars.example("systemd-pressure"), dir.resolve("systemd-api1.9.jar"),
        Map.of("Mountscope-Plugin-Api", "1.9", "Mountscope-Plugin-Name", "systemd-next"));
    JsonNode list = listing(dir);
    JsonNode e2 = entry(list, two.toString());
    assertRefused(e2, "built for plugin API 2.0; this mountscope has API 1.1 (the major version must match)");
    assertThat(e2.get("name").asText()).isEqualTo("kubelet-next");
    assertThat(e2.get("api").asText()).isEqualTo("2.0");
    assertThat(e2.get("adds")).extracting(JsonNode::asText).contains("probe", "panel", "command");
    assertRefused(entry(list, newer.toString()),
        "built for plugin API 1.9, newer than this mountscope's 1.1 (upgrade mountscope)");

    // Asked about that jar alone: one line and exit 2.
    Launcher.Result r = Launcher.run(env(null), 60, "plugins", two.toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.errLines()).containsExactly("mountscope plugins: " + two
        + ": built for plugin API 2.0; this mountscope has API 1.1 (the major version must match)");
    // And the console's commands still work with the refused jar installed.
    Launcher.Result snap = Launcher.run(env(dir), 90, "snapshot", "--json", "--window", "0.2");
    assertThat(snap.exitCode()).as(snap.err()).isZero();
    assertThat(Json.mapper().readTree(snap.out()).get("probes").has("kubelet-next")).isFalse();
  }

  @Test
  void broken_jars_are_one_line_when_asked_about_and_refused_entries_at_start() throws Exception {
    Path dir = freshDir("broken");
    Path garbage = dir.resolve("garbage.jar");
    Files.write(garbage, "this is not a zip file\n".getBytes(StandardCharsets.UTF_8));
    Path noName = PluginJars.withManifest(PluginJars.example("kubelet"), dir.resolve("no-name.jar"),
        Map.of("Mountscope-Plugin-Name", "Kubelet Plugin!"));
    Path unreadable = Files.copy(PluginJars.example("kubelet"), dir.resolve("truncated.jar"));
    byte[] whole = Files.readAllBytes(unreadable);
    Files.write(unreadable, java.util.Arrays.copyOf(whole, whole.length / 2));

    for (Path bad : List.of(garbage, noName, unreadable)) {
      Launcher.Result r = Launcher.run(env(null), 60, "plugins", bad.toString());
      assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(2);
      assertThat(r.errLines()).hasSize(1);
      assertThat(r.errLines().get(0)).startsWith("mountscope plugins: " + bad + ": ");
    }
    Launcher.Result missing = Launcher.run(env(null), 60, "plugins", dir.resolve("nope.jar").toString());
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.errLines()).containsExactly("mountscope plugins: " + dir.resolve("nope.jar") + ": no such file");

    JsonNode list = listing(dir);
    assertThat(entry(list, garbage.toString()).get("reason").asText()).startsWith("not a readable jar: ");
    assertThat(entry(list, noName.toString()).get("reason").asText())
        .isEqualTo("manifest attribute Mountscope-Plugin-Name is 'Kubelet Plugin!' (expected lower-case words joined by dashes)");
    assertThat(entry(list, unreadable.toString()).get("state").asText()).isEqualTo("refused");
    Launcher.Result snap = Launcher.run(env(dir), 90, "snapshot", "--window", "0.2");
    assertThat(snap.exitCode()).as(snap.err()).isZero();
  }
}
