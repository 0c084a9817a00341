package io.mountscope.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mountscope.plugins.kubelet.KubeletLogLines;
import io.mountscope.testing.Launcher;
import io.mountscope.testing.TestDirs;
import io.mountscope.testing.Tmux;
import io.mountscope.util.Json;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The kubelet plugin reading the kubelet's log where no metrics page answers, through the real
 * launcher: real kubelet lines appended to a log file between the probe's reads show up as pods
 * and percentiles in snapshot --json, watch --json, kubelet-starts and the dashboard. The expected
 * numbers are computed here from the lines, by a regular expression and a sort.
 */
class KubeletLogIT {
  /** Two klog lines and a line cut short, then four AKS daemonset starts: what the log holds when mountscope starts. */
  private static final List<String> FIRST = new ArrayList<>();
  /** Two slower AKS starts and two EKS ones, appended while mountscope runs. */
  private static final List<String> LATER;
  private static final Pattern START = Pattern.compile(
      "\"Observed pod startup duration\" pod=\"([^\"]+)\" podStartSLOduration=(\\S+) .* watchObservedRunningTime=\"[^\"]+\"$");
  private static String deadUrl;

  static {
    FIRST.addAll(KubeletLogLines.kubelet("kubelet-klog.log"));
    List<String> syslog = KubeletLogLines.kubelet("kubelet-syslog.log");
    FIRST.addAll(syslog.subList(0, 4));
    LATER = syslog.subList(4, 8);
  }

  @BeforeAll
  static void aPortNobodyListensOn() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      deadUrl = "http://127.0.0.1:" + s.getLocalPort() + "/metrics";
    }
  }

  /**
   * This class's own root-owned base (not PluginsIT's, which other plugin tests remove when they
   * finish): the kubelet jar this build made, and the log files.
   */
  static final Path BASE = Path.of("/run", "mountscope-kubelet-log-it");
  private static Path plugins;

  @BeforeAll
  static void installTheBuiltKubeletJar() throws Exception {
    plugins = freshDir("plugins");
    Files.copy(Launcher.dist().resolve("plugins/kubelet.jar"), plugins.resolve("kubelet.jar"));
  }

  @AfterAll
  static void removeDirs() throws java.io.IOException {
    PluginsIT.removeTree(BASE);
  }

  private static Path freshDir(String name) throws java.io.IOException {
    Path dir = BASE.resolve(name);
    PluginsIT.removeTree(dir);
    Files.createDirectories(dir);
    Files.setPosixFilePermissions(BASE, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
    return dir;
  }

  /** What a reader of the lines expects: the complete start lines' pods and SLO seconds (negative ones left out). */
  record Expected(List<String> pods, List<Double> slo, int malformed) {
    static Expected of(List<String> lines) {
      List<String> pods = new ArrayList<>();
      List<Double> slo = new ArrayList<>();
      int bad = 0;
      for (String l : lines) {
        Matcher m = START.matcher(l);
        boolean complete = m.find();
        if (complete && Double.parseDouble(m.group(2)) >= 0) {
          pods.add(m.group(1));
          slo.add(Double.parseDouble(m.group(2)));
        } else if (!complete && l.contains("Observed pod startup duration")) {
          bad++;
        }
      }
      return new Expected(pods, slo, bad);
    }

    /** Nearest rank: the smallest value with at least q of them at or below it. */
    double quantile(double q) {
      List<Double> s = new ArrayList<>(slo);
      s.sort(null);
      return s.get((int) Math.ceil(q * s.size() - 1e-9) - 1);
    }

    String slowestPod() {
      return pods.get(slo.indexOf(slo.stream().mapToDouble(Double::doubleValue).max().orElseThrow()));
    }
  }

  private static List<String> firstAndLater() {
    List<String> all = new ArrayList<>(FIRST);
    all.addAll(LATER);
    return all;
  }

  private static Map<String, String> env(Path log) {
    Map<String, String> env = new HashMap<>();
    env.put("MOUNTSCOPE_PLUGINS", plugins.toString());
    env.put("MOUNTSCOPE_PLUGIN_KUBELET_URL", deadUrl);
    env.put("MOUNTSCOPE_PLUGIN_KUBELET_LOG", log.toString());
    return env;
  }

  private static Path logWith(String dirName, List<String> lines) throws Exception {
    Path log = freshDir(dirName).resolve("kubelet.log");
    append(log, lines);
    return log;
  }

  private static void append(Path log, List<String> lines) throws Exception {
    Files.writeString(log, String.join("\n", lines) + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
  }

  private static String secs(double v, int digits) {
    return String.format(Locale.ROOT, "%." + digits + "f s", v);
  }

  @Test
  void without_a_metrics_page_the_log_gives_each_pods_start_the_percentiles_and_the_malformed_line_count() throws Exception {
    Path log = logWith("kubelet-log-snapshot", FIRST);
    Expected e = Expected.of(FIRST);
    assertThat(e.slo()).hasSize(6);
    assertThat(e.malformed()).isEqualTo(1);

    Launcher.Result r = Launcher.run(env(log), 90, "snapshot", "--json", "--window", "0.5");
    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode model = Json.mapper().readTree(r.out());
    assertThat(model.get("probes").get("kubelet").get("state").asText()).isEqualTo("ok");
    JsonNode k = model.get("plugins").get("kubelet");
    assertThat(k.get("source").asText()).isEqualTo("log");
    assertThat(k.get("sourceReason").asText())
        .isEqualTo("auto: metrics unavailable (no kubelet metrics at " + deadUrl + " (connection refused); set the url setting)");
    assertThat(k.get("log").asText()).isEqualTo(log.toString());
    assertThat(k.get("metric").asText()).isEqualTo("podStartSLOduration");
    assertThat(k.get("starts").asLong()).isEqualTo(e.slo().size());
    assertThat(k.get("p50Seconds").asDouble()).isEqualTo(e.quantile(0.5));
    assertThat(k.get("p90Seconds").asDouble()).isEqualTo(e.quantile(0.9));
    assertThat(k.get("p99Seconds").asDouble()).isEqualTo(e.quantile(0.99));
    assertThat(k.get("slowest").get(0).get("pod").asText()).isEqualTo(e.slowestPod());
    assertThat(k.get("malformedLines").asLong()).isEqualTo(e.malformed());
    assertThat(k.get("lastMalformed").asText()).contains("no closing quote");

    Launcher.Result cmd = Launcher.run(env(log), 60, "kubelet-starts");
    assertThat(cmd.exitCode()).as(cmd.err()).isZero();
    assertThat(cmd.out()).contains(log + ": 6 starts in the last 200 read (podStartSLOduration)",
        "p90 " + secs(e.quantile(0.9), 3), "slowest:", secs(e.quantile(0.99), 3) + "  " + e.slowestPod(),
        "1 malformed start lines skipped", "source: log (auto: metrics unavailable (no kubelet metrics at " + deadUrl);
  }

  @Test
  void lines_appended_between_the_probes_reads_move_the_percentiles_in_watch_json() throws Exception {
    Path log = logWith("kubelet-log-watch", FIRST);
    Expected before = Expected.of(FIRST);
    Expected after = Expected.of(firstAndLater());
    List<String> cmd = List.of(Launcher.executable().toString(), "watch", "--json", "--interval", "1", "--count", "16");
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(false)
        .redirectError(TestDirs.logDir().resolve("kubelet-log-watch.err").toFile());
    pb.environment().putAll(env(log));
    pb.environment().putIfAbsent("MOUNTSCOPE_LOG_DIR", TestDirs.logDir().toString());
    pb.environment().putIfAbsent("MOUNTSCOPE_STATE_DIR", TestDirs.stateDir().toString());
    Process p = pb.start();
    List<JsonNode> models = new ArrayList<>();
    boolean appended = false;
    try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        JsonNode k = Json.mapper().readTree(line).path("plugins").path("kubelet");
        models.add(k);
        if (!appended && k.path("starts").asLong() == before.slo().size()) {
          append(log, LATER); // the kubelet logs four more starts while mountscope watches
          appended = true;
        }
        if (k.path("startsSeen").asLong() == after.slo().size()) {
          break;
        }
      }
    } finally {
      p.destroy();
      p.waitFor();
    }
    assertThat(appended).as("a model with the first lines' %d starts: %s", before.slo().size(), models).isTrue();
    JsonNode last = models.get(models.size() - 1);
    assertThat(last.path("startsSeen").asLong()).as("the appended starts were read: %s", models).isEqualTo(after.slo().size());
    assertThat(last.get("p50Seconds").asDouble()).isEqualTo(after.quantile(0.5));
    assertThat(last.get("p90Seconds").asDouble()).isEqualTo(after.quantile(0.9));
    assertThat(last.get("p99Seconds").asDouble()).isEqualTo(after.quantile(0.99));
    assertThat(last.get("slowest").get(0).get("pod").asText()).isEqualTo(after.slowestPod());
    assertThat(last.get("recent").get("starts").asLong()).isEqualTo(LATER.size());
    assertThat(last.get("malformedLines").asLong()).isEqualTo(1);
  }

  @Test
  void the_dashboard_panel_shows_the_slowest_pods_by_name_and_which_source_it_read() throws Exception {
    Path log = logWith("kubelet-log-dash", FIRST);
    Expected before = Expected.of(FIRST);
    Expected after = Expected.of(firstAndLater());
    String launch = "sleep 1; MOUNTSCOPE_PLUGINS='" + plugins + "' MOUNTSCOPE_PLUGIN_KUBELET_URL='" + deadUrl
        + "' MOUNTSCOPE_PLUGIN_KUBELET_LOG='" + log + "' MOUNTSCOPE_LOG_DIR='" + TestDirs.logDir() + "' " + Launcher.executable();
    try (Tmux t = Tmux.start(200, 50, "xterm-256color", launch)) {
      String p99 = "p99 " + secs(before.quantile(0.99), 2);
      String screen = t.await(s -> s.contains("┌─ Plugins") && s.contains(p99), 40, "the kubelet panel with the log's " + p99);
      assertThat(screen).contains("6 starts in the log window", "slowest pods:",
          secs(before.quantile(0.99), 2) + " " + before.slowestPod(), "1 malformed start lines skipped", "source: log");
      append(log, LATER);
      String p99After = "p99 " + secs(after.quantile(0.99), 2);
      screen = t.await(s -> s.contains(p99After), 20, "the panel after four more starts: " + p99After);
      assertThat(screen).contains("10 starts in the log window", "p50 " + secs(after.quantile(0.5), 2),
          secs(after.quantile(0.99), 2) + " " + after.slowestPod());
      t.send("q");
      t.awaitText("[exited 0]", 20);
    }
  }

  @Test
  void a_missing_log_or_journal_makes_the_probe_unavailable_with_both_reasons() throws Exception {
    Path missing = freshDir("kubelet-log-missing").resolve("kubelet.log");
    Launcher.Result r = Launcher.run(env(missing), 90, "snapshot", "--json", "--window", "0.3");
    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode status = Json.mapper().readTree(r.out()).get("probes").get("kubelet");
    assertThat(status.get("state").asText()).isEqualTo("unavailable");
    assertThat(status.get("reason").asText()).isEqualTo("metrics: no kubelet metrics at " + deadUrl
        + " (connection refused); set the url setting; log: no kubelet log at " + missing
        + " (set log to the kubelet's log file, or to journal)");
    Launcher.Result cmd = Launcher.run(env(missing), 60, "kubelet-starts");
    assertThat(cmd.exitCode()).isEqualTo(3);

    Map<String, String> journal = env(missing);
    journal.put("MOUNTSCOPE_PLUGIN_KUBELET_LOG", "journal");
    journal.put("MOUNTSCOPE_PLUGIN_KUBELET_SOURCE", "log");
    Launcher.Result j = Launcher.run(journal, 60, "kubelet-starts");
    String comm = Files.readString(Path.of("/proc/1/comm")).strip();
    if (!Files.isDirectory(Path.of("/run/systemd/system"))) {
      assertThat(j.exitCode()).isEqualTo(3);
      assertThat(j.errLines()).containsExactly("kubelet-starts: no systemd journal: this node does not run systemd (pid 1 is "
          + comm + "); set log to the kubelet's log file");
    } else {
      // A systemd node: either its kubelet unit's journal is read, or the unit is missing and said so.
      assertThat(j.exitCode()).as(j.out() + j.err()).isIn(0, 3);
      if (j.exitCode() == 3) {
        assertThat(j.err()).contains("kubelet");
      }
    }
  }

  @Test
  void source_metrics_reads_the_page_and_says_the_log_was_not_read() throws Exception {
    try (KubeletPage page = new KubeletPage()) {
      Map<String, String> env = env(freshDir("kubelet-log-metrics").resolve("kubelet.log"));
      env.put("MOUNTSCOPE_PLUGIN_KUBELET_URL", page.url());
      env.put("MOUNTSCOPE_PLUGIN_KUBELET_SOURCE", "metrics");
      Launcher.Result r = Launcher.run(env, 90, "snapshot", "--json", "--window", "0.3");
      assertThat(r.exitCode()).as(r.err()).isZero();
      JsonNode k = Json.mapper().readTree(r.out()).get("plugins").get("kubelet");
      assertThat(k.get("source").asText()).isEqualTo("metrics");
      assertThat(k.get("sourceReason").asText()).isEqualTo("source is metrics: the log is not read");
      assertThat(k.get("starts").asLong()).isEqualTo(60);
      env.put("MOUNTSCOPE_PLUGIN_KUBELET_SOURCE", "sometimes");
      JsonNode bad = Json.mapper().readTree(Launcher.run(env, 90, "snapshot", "--json", "--window", "0.3").out());
      assertThat(bad.get("probes").get("kubelet").get("reason").asText())
          .isEqualTo("source is 'sometimes' (expected auto, metrics or log)");
    }
  }
}
