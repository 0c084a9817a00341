package io.mountscope.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mountscope.diagnose.Diagnosis;
import io.mountscope.model.Model;
import io.mountscope.model.Severity;
import io.mountscope.model.Verdict;
import io.mountscope.testing.Background;
import io.mountscope.testing.Containerd;
import io.mountscope.testing.Launcher;
import io.mountscope.testing.MetricDocs;
import io.mountscope.testing.Prerequisites;
import io.mountscope.testing.Prometheus;
import io.mountscope.testing.SampleFixtures;
import io.mountscope.testing.TestImages;
import io.mountscope.util.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mountscope serve} against the ecosystem's own tools: a real Prometheus scrapes it and
 * stores exactly the values of the Model it served; promtool finds nothing wrong with any family.
 */
class MetricsIT {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir
  Path work;

  static HttpResponse<String> get(String url, String accept) throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url));
    if (accept != null) {
      b.header("Accept", accept);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** "name{a="x",b="y"}" for a Prometheus result's metric object, labels sorted, the target's labels left out. */
  static String key(JsonNode metric) {
    Map<String, String> labels = new TreeMap<>();
    metric.fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
    String name = labels.remove("__name__");
    for (String target : List.of("job", "instance", "node", "pod")) {
      assertThat(labels.remove(target)).as(target + " of " + metric).isNotNull();
    }
    return key(name, labels);
  }

  static String key(String name, Map<String, String> labels) {
    return name + new TreeMap<>(labels).entrySet().stream().map(e -> e.getKey() + "=\"" + e.getValue() + "\"")
        .collect(Collectors.joining(",", "{", "}"));
  }

  /** The values an operator would expect from the snapshot, worked out from its JSON alone. */
  static Map<String, Double> expected(JsonNode m) {
    Map<String, Double> x = new HashMap<>();
    x.put(key("mountscope_sample_timestamp_seconds", Map.of()), Instant.parse(m.get("time").asText()).toEpochMilli() / 1000.0);
    JsonNode t = m.get("mountTable");
    x.put(key("mountscope_mount_table_mounts", Map.of()), t.get("mounts").asDouble());
    x.put(key("mountscope_mount_table_read_seconds", Map.of()), t.get("readMillis").asDouble() / 1000);
    x.put(key("mountscope_mount_table_size_bytes", Map.of()), t.get("bytesRead").asDouble());
    x.put(key("mountscope_mount_namespaces", Map.of()), t.get("namespaceCount").asDouble());
    t.get("byKind").fields().forEachRemaining(e ->
        x.put(key("mountscope_mount_table_kind_mounts", Map.of("kind", e.getKey())), e.getValue().asDouble()));
    t.get("byFsType").fields().forEachRemaining(e ->
        x.put(key("mountscope_mount_table_fstype_mounts", Map.of("fstype", e.getKey())), e.getValue().asDouble()));
    JsonNode self = m.get("self");
    x.put(key("mountscope_self_resident_memory_bytes", Map.of()), self.get("rssBytes").asDouble());
    x.put(key("mountscope_self_cpu_ratio", Map.of()), self.get("cpuShare").asDouble());
    x.put(key("mountscope_self_mount_syscalls_total", Map.of()), self.get("mountSyscalls").asDouble());
    x.put(key("mountscope_self_mountinfo_read_bytes_total", Map.of()), self.get("mountinfoBytesRead").asDouble());
    m.get("probes").fields().forEachRemaining(e -> x.put(key("mountscope_probe_up", Map.of("probe", e.getKey())),
        Set.of("ok", "stale").contains(e.getValue().get("state").asText()) ? 1.0 : 0.0));
    JsonNode s = m.get("startups");
    long oldest = 0;
    int creating = 0;
    int created = 0;
    for (JsonNode f : s.get("inFlight")) {
      oldest = Math.max(oldest, f.get("ageMillis").asLong());
      creating += f.get("state").asText().equals("creating") ? 1 : 0;
      created += f.get("state").asText().equals("created") ? 1 : 0;
    }
    x.put(key("mountscope_start_oldest_age_seconds", Map.of()), oldest / 1000.0);
    x.put(key("mountscope_starts_in_flight", Map.of("state", "creating")), (double) creating);
    x.put(key("mountscope_starts_in_flight", Map.of("state", "created")), (double) created);
    x.put(key("mountscope_starts_stuck", Map.of("level", "warning")), s.get("stuck").get("warning").asDouble());
    x.put(key("mountscope_starts_stuck", Map.of("level", "critical")), s.get("stuck").get("critical").asDouble());
    x.put(key("mountscope_starts_completed_total", Map.of()), s.get("completed").asDouble());
    x.put(key("mountscope_containerd_up", Map.of()), s.get("containerd").get("state").asText().equals("connected") ? 1.0 : 0.0);
    for (Severity sev : Severity.values()) {
      long n = 0;
      for (JsonNode v : m.get("verdicts")) {
        n += v.get("severity").asText().equals(sev.json()) ? 1 : 0;
      }
      x.put(key("mountscope_verdicts", Map.of("severity", sev.json())), (double) n);
    }
    if (m.hasNonNull("cpuLoad")) {
      x.put(key("mountscope_cpu_busy_ratio", Map.of()), m.get("cpuLoad").get("busyShare").asDouble());
    }
    if (m.hasNonNull("mountActivity")) {
      m.get("mountActivity").get("counters").fields().forEachRemaining(e ->
          x.put(key("mountscope_mount_syscalls_total", Map.of("kind", e.getKey())), e.getValue().asDouble()));
    }
    if (m.hasNonNull("hotspots")) {
      x.put(key("mountscope_lock_spin_ratio", Map.of()), m.get("hotspots").get("lockSpinShare").asDouble());
      x.put(key("mountscope_mount_lock_cpu_ratio", Map.of()), m.get("hotspots").get("mountLockShare").asDouble());
    }
    return x;
  }

  @Test
  void a_real_prometheus_scrapes_serve_and_stores_exactly_the_values_of_the_model_it_served() throws Exception {
    Prerequisites.root();
    try (Containerd containerd = Containerd.start()) {
      TestImages.importImage(containerd, work, "example.test/mountscope/three:1", TestImages.busyboxLayers(3));
      int port = Prometheus.freePort();
      String target = "127.0.0.1:" + port;
      Process stuck = null;
      try (Background serve = Background.launcher(Map.of("CONTAINERD_ADDRESS", containerd.address()),
          "serve", "--listen", target, "--interval", "3");
          Prometheus prom = Prometheus.start(work.resolve("prometheus"), fleetConfig(target))) {
        serve.awaitErr("serving http://" + target + "/metrics", 60);
        awaitScraped(prom);
        // A start held in its runtime for 10 s: in flight, growing older, while Prometheus scrapes.
        stuck = containerd.runDetached("example.test/mountscope/three:1", "held", containerd.slowRunc(10),
            "/bin/busybox", "sleep", "60");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String last = "nothing yet";
        while (true) {
          assertThat(System.nanoTime()).as("Prometheus holds the values of a served Model within 60 s; last: " + last
              + "\nserve: " + serve.err() + "\nprometheus: " + prom.log()).isLessThan(deadline);
          JsonNode snapshot = Json.mapper().readTree(get("http://" + target + "/snapshot", null).body());
          boolean ready = snapshot.get("startups").get("inFlight").size() == 1;
          Map<String, Double> want = expected(snapshot);
          Map<String, Double> got = new HashMap<>();
          if (ready) {
            for (JsonNode r : prom.query("{job=\"mountscope\",__name__=~\"mountscope_.+\"}")) {
              got.put(key(r.get("metric")), Double.parseDouble(r.get("value").get(1).asText()));
            }
          }
          String ts = key("mountscope_sample_timestamp_seconds", Map.of());
          last = "snapshot at " + want.get(ts) + " with cpuLoad " + snapshot.hasNonNull("cpuLoad") + ", starts in flight "
              + snapshot.get("startups") + "; Prometheus has " + got.get(ts);
          if (!ready || !want.get(ts).equals(got.get(ts))) {
            Thread.sleep(300); // Prometheus has not scraped this Model yet, or serve has sampled again
            continue;
          }
          want.forEach((k, v) -> assertThat(got.get(k)).as(k).isEqualTo(v));
          assertThat(got.get(key("mountscope_start_oldest_age_seconds", Map.of()))).isGreaterThan(0);
          assertThat(got.get(key("mountscope_starts_in_flight", Map.of("state", "creating")))).isEqualTo(1);
          assertThat(got.get(key("mountscope_mount_table_mounts", Map.of()))).isGreaterThan(5);
          // Every series Prometheus stored is one docs/metrics.md describes.
          Set<String> documented = MetricDocs.names();
          for (String k : got.keySet()) {
            String name = k.substring(0, k.indexOf('{')).replaceAll("_(total|sum|count)$", "");
            assertThat(documented).as("docs/metrics.md documents " + name).contains(name);
          }
          break;
        }
        assertThat(prom.query("up{job=\"mountscope\"}").get(0).get("value").get(1).asText()).isEqualTo("1");
        // deploy/kubernetes' relabelling kept the DaemonSet pod's metrics port, named the node, dropped the rest.
        JsonNode targets = prom.targets();
        assertThat(targets).hasSize(1);
        assertThat(targets.get(0).get("labels").get("node").asText()).isEqualTo("node-a");
        assertThat(targets.get(0).get("labels").get("pod").asText()).isEqualTo("mountscope-x7k2p");
        assertThat(targets.get(0).get("health").asText()).isEqualTo("up");
        assertThat(targets.get(0).get("lastError").asText()).isEmpty();
        assertThat(Json.mapper().readTree(get(prom.url("/api/v1/targets"), null).body()).get("data")
            .get("droppedTargets")).hasSize(2);
        // UNIT lines exist only in OpenMetrics: Prometheus read the OpenMetrics answer.
        JsonNode meta = Json.mapper().readTree(get(prom.url("/api/v1/metadata?metric=mountscope_mount_table_read_seconds"),
            null).body());
        assertThat(meta.get("data").get("mountscope_mount_table_read_seconds").get(0).get("unit").asText()).isEqualTo("seconds");

        // Without OpenMetrics in Accept (curl, promtool): the Prometheus text format, which promtool passes.
        HttpResponse<String> plain = get("http://" + target + "/metrics", null);
        assertThat(plain.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain; version=0.0.4");
        assertThat(plain.body()).doesNotContain("# EOF");
        promtoolCheckMetrics(plain.body());
        HttpResponse<String> om = get("http://" + target + "/metrics", "application/openmetrics-text; version=1.0.0");
        assertThat(om.headers().firstValue("Content-Type").orElse("")).startsWith("application/openmetrics-text");
        assertThat(om.body()).endsWith("# EOF\n");
        assertThat(serve.terminate()).isEqualTo(143);
      }
      stuck.waitFor(40, TimeUnit.SECONDS); // its start completes; then no mount of it may be left
      containerd.closeLeavingNoMounts();
    }
  }

  /**
   * deploy/kubernetes/prometheus-scrape.yaml as it is, but for two things a test cannot have: pods
   * come from a file instead of the Kubernetes API (Debian's Prometheus is built without Kubernetes
   * discovery), labelled as the API would label them, and it scrapes every second. One pod is
   * mountscope's on node-a (serve, on {@code target}); one is another app's, one is mountscope's
   * other port: relabelling must keep only the first.
   */
  String fleetConfig(String target) throws Exception {
    com.fasterxml.jackson.databind.ObjectMapper yaml = new com.fasterxml.jackson.databind.ObjectMapper(
        new com.fasterxml.jackson.dataformat.yaml.YAMLFactory());
    JsonNode config = yaml.readTree(Path.of("deploy/kubernetes/prometheus-scrape.yaml").toFile());
    var job = (com.fasterxml.jackson.databind.node.ObjectNode) config.get("scrape_configs").get(0);
    assertThat(job.get("job_name").asText()).isEqualTo("mountscope");
    job.remove("kubernetes_sd_configs");
    Path pods = work.resolve("pods.json");
    Files.writeString(pods, "[" + pod(target, "mountscope", "metrics", "mountscope-x7k2p") + ","
        + pod("127.0.0.1:1", "other-app", "metrics", "other-app-1") + "," + pod("127.0.0.1:2", "mountscope", "debug",
        "mountscope-x7k2p") + "]");
    job.putArray("file_sd_configs").addObject().putArray("files").add(pods.toString());
    job.put("scrape_interval", "1s");
    job.put("scrape_timeout", "1s");
    Path file = work.resolve("fleet.yml");
    yaml.writeValue(file.toFile(), config);
    Launcher.Result check = Launcher.exec(List.of(Prerequisites.command("promtool", "prometheus").toString(), "check",
        "config", file.toString()), Map.of(), 30);
    assertThat(check.exitCode()).as(check.out() + check.err()).isZero();
    return Files.readString(file);
  }

  /** Waits until Prometheus has discovered serve and scraped it once (file discovery settles after ~5 s). */
  static void awaitScraped(Prometheus prom) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      if (prom.query("up{job=\"mountscope\"} == 1").size() == 1) {
        return;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("Prometheus did not scrape serve within 30 s: " + prom.targets() + "\n" + prom.log());
  }

  private static String pod(String address, String app, String port, String name) {
    return "{\"targets\":[\"" + address + "\"],\"labels\":{\"__meta_kubernetes_pod_label_app_kubernetes_io_name\":\"" + app
        + "\",\"__meta_kubernetes_pod_container_port_name\":\"" + port + "\",\"__meta_kubernetes_pod_node_name\":\"node-a\","
        + "\"__meta_kubernetes_pod_name\":\"" + name + "\"}}";
  }

  @Test
  void the_fleet_alert_rules_pass_promtool_and_their_unit_tests() throws Exception {
    Path promtool = Prerequisites.command("promtool", "prometheus");
    Launcher.Result rules = Launcher.exec(List.of(promtool.toString(), "check", "rules", "deploy/kubernetes/alerts.yaml"),
        Map.of(), 30);
    assertThat(rules.exitCode()).as(rules.out() + rules.err()).isZero();
    assertThat(rules.out()).contains("SUCCESS: 7 rules found");
    // The storm fires the mount-lock and stuck-start alerts for its node only, each when it should.
    Launcher.Result tests = Launcher.exec(List.of(promtool.toString(), "test", "rules",
        "deploy/kubernetes/alerts.test.yaml"), Map.of(), 60);
    assertThat(tests.exitCode()).as(tests.out() + tests.err()).isZero();
    assertThat(tests.out()).contains("SUCCESS");
  }

  @Test
  void promtool_finds_nothing_wrong_with_any_family_of_a_model_with_every_part() throws Exception {
    Model m = Diagnosis.derive(SampleFixtures.full(9), SampleFixtures.full(8)).withVerdicts(List.of(
        new Verdict("mount-lock-contention", Severity.CRITICAL, "mount-lock contention", List.of("61% in namespace_sem"),
            Map.of("hotspots.mountLockShare", 0.61), List.of("idmap-strategy")),
        new Verdict("smt-on", Severity.INFO, "SMT on", List.of(), Map.of(), List.of())));
    String text = Exposition.text(ModelMetrics.of(m, "0.1.0"));
    for (String family : List.of("mountscope_lock_wait_seconds_total", "mountscope_lock_spin_ratio",
        "mountscope_start_latency_seconds", "mountscope_verdict", "mountscope_mount_syscalls_total",
        "mountscope_sysctl", "mountscope_contention_risk")) {
      assertThat(text).contains("# TYPE " + family + " ");
    }
    promtoolCheckMetrics(text);
  }

  @Test
  void a_port_already_taken_is_one_line_and_exit_2() throws Exception {
    try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      Launcher.Result r = Launcher.run("serve", "--listen", "127.0.0.1:" + taken.getLocalPort());
      assertThat(r.exitCode()).isEqualTo(2);
      assertThat(r.errLines()).hasSize(1);
      assertThat(r.err()).startsWith("mountscope serve: --listen 127.0.0.1:" + taken.getLocalPort() + ": ")
          .contains("pick another");
    }
    Launcher.Result bad = Launcher.run("serve", "--listen", "localhost");
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.err()).isEqualTo("mountscope serve: --listen localhost: expected HOST:PORT, e.g. 127.0.0.1:9464 or :9464\n");
  }

  static void promtoolCheckMetrics(String exposition) throws Exception {
    Path promtool = Prerequisites.command("promtool", "prometheus");
    Process p = new ProcessBuilder(promtool.toString(), "check", "metrics").redirectErrorStream(true).start();
    p.getOutputStream().write(exposition.getBytes(StandardCharsets.UTF_8));
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as("promtool check metrics said:\n" + out).isZero();
    assertThat(out).isEmpty();
  }
}
