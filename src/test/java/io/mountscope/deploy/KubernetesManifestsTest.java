package io.mountscope.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.mountscope.cli.Cli;
import io.mountscope.diagnose.Diagnosis;
import io.mountscope.export.MetricsServer;
import io.mountscope.testing.MetricDocs;
import io.mountscope.testing.SampleFixtures;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * deploy/kubernetes read into the real Kubernetes API types (fabric8's model): a field the API
 * does not have fails the test, and the pieces fit: the DaemonSet runs a valid {@code serve}
 * command on the port its probes, the Service and the scrape configuration use.
 */
class KubernetesManifestsTest {
  static final Path DIR = Path.of("deploy/kubernetes");
  static final Map<String, Class<? extends HasMetadata>> KINDS = Map.of(
      "v1/Namespace", Namespace.class, "v1/ServiceAccount", ServiceAccount.class, "v1/Service", Service.class,
      "apps/v1/DaemonSet", DaemonSet.class);
  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /** Every document of a manifest file as its API type; unknown kinds and unknown fields fail. */
  static List<HasMetadata> load(String yaml, String where) throws Exception {
    List<HasMetadata> out = new ArrayList<>();
    try (JsonParser p = YAML.getFactory().createParser(yaml)) {
      MappingIterator<JsonNode> docs = YAML.readValues(p, JsonNode.class);
      while (docs.hasNext()) {
        JsonNode doc = docs.next();
        if (doc == null || doc.isEmpty()) {
          continue;
        }
        String kind = doc.path("apiVersion").asText() + "/" + doc.path("kind").asText();
        Class<? extends HasMetadata> type = KINDS.get(kind);
        assertThat(type).as(where + ": a kind this test knows: " + kind).isNotNull();
        HasMetadata o = YAML.treeToValue(doc, type);
        List<String> unknown = new ArrayList<>();
        unknownFields(o, kind + " " + o.getMetadata().getName(), unknown);
        if (!unknown.isEmpty()) {
          throw new AssertionError(where + ": fields the Kubernetes API does not have: " + unknown);
        }
        out.add(o);
      }
    }
    return out;
  }

  /** fabric8 keeps what it does not know in additionalProperties: any there is a field the API lacks. */
  static void unknownFields(Object o, String path, List<String> out) throws Exception {
    if (o == null || o instanceof String || o instanceof Number || o instanceof Boolean || o instanceof Enum<?>) {
      return;
    }
    if (o instanceof Collection<?> c) {
      int i = 0;
      for (Object e : c) {
        unknownFields(e, path + "[" + i++ + "]", out);
      }
      return;
    }
    if (o instanceof Map<?, ?> m) {
      for (Map.Entry<?, ?> e : m.entrySet()) {
        unknownFields(e.getValue(), path + "." + e.getKey(), out);
      }
      return;
    }
    if (!o.getClass().getName().startsWith("io.fabric8.")) {
      return;
    }
    for (Method g : o.getClass().getMethods()) {
      if (g.getParameterCount() != 0 || Modifier.isStatic(g.getModifiers()) || !g.getName().startsWith("get")
          || g.getDeclaringClass() == Object.class) {
        continue;
      }
      Object v = g.invoke(o);
      if (g.getName().equals("getAdditionalProperties")) {
        if (v instanceof Map<?, ?> extra && !extra.isEmpty()) {
          extra.keySet().forEach(k -> out.add(path + "." + k));
        }
      } else {
        unknownFields(v, path + "." + g.getName().substring(3, 4).toLowerCase() + g.getName().substring(4), out);
      }
    }
  }

  static List<HasMetadata> all() throws Exception {
    List<HasMetadata> out = new ArrayList<>();
    for (String f : manifestFiles()) {
      out.addAll(load(Files.readString(DIR.resolve(f)), f));
    }
    return out;
  }

  /** The files kustomization.yaml applies. */
  static List<String> manifestFiles() throws Exception {
    List<String> files = new ArrayList<>();
    YAML.readTree(DIR.resolve("kustomization.yaml").toFile()).get("resources").forEach(r -> files.add(r.asText()));
    return files;
  }

  static <T> T only(List<HasMetadata> all, Class<T> type) {
    List<T> found = all.stream().filter(type::isInstance).map(type::cast).toList();
    assertThat(found).as(type.getSimpleName()).hasSize(1);
    return found.get(0);
  }

  @Test
  void every_manifest_is_made_of_fields_the_kubernetes_api_has() throws Exception {
    List<HasMetadata> all = all();
    assertThat(all.stream().map(HasMetadata::getKind).collect(Collectors.toSet()))
        .containsExactlyInAnyOrder("Namespace", "ServiceAccount", "DaemonSet", "Service");
    try (var files = Files.list(DIR)) {
      Set<String> k8s = new TreeSet<>();
      for (Path f : files.toList()) {
        String text = Files.readString(f);
        if (f.toString().endsWith(".yaml") && text.contains("\nkind: ") && !f.endsWith("kustomization.yaml")) {
          k8s.add(f.getFileName().toString());
        }
      }
      assertThat(new TreeSet<>(manifestFiles())).as("kustomization.yaml applies every manifest").isEqualTo(k8s);
    }
  }

  @Test
  void a_field_the_api_does_not_have_is_caught_not_ignored() {
    String typo = """
        apiVersion: apps/v1
        kind: DaemonSet
        metadata: {name: x, namespace: mountscope}
        spec:
          selector: {matchLabels: {a: b}}
          template:
            metadata: {labels: {a: b}}
            spec:
              hostPid: true
              containers: [{name: c, image: i, securityContext: {privilegd: true}}]
        """;
    assertThatThrownBy(() -> load(typo, "typo.yaml")).hasMessageContaining("fields the Kubernetes API does not have")
        .hasMessageContaining("spec.template.spec.hostPid").hasMessageContaining("securityContext.privilegd");
  }

  @Test
  void the_daemonset_runs_a_valid_serve_on_every_node_with_what_the_probes_need() throws Exception {
    List<HasMetadata> all = all();
    DaemonSet ds = only(all, DaemonSet.class);
    for (HasMetadata o : all) {
      assertThat(o instanceof Namespace ? o.getMetadata().getName() : o.getMetadata().getNamespace())
          .as(o.getKind()).isEqualTo("mountscope");
    }
    Map<String, String> podLabels = ds.getSpec().getTemplate().getMetadata().getLabels();
    assertThat(podLabels).containsAllEntriesOf(ds.getSpec().getSelector().getMatchLabels());
    PodSpec pod = ds.getSpec().getTemplate().getSpec();
    assertThat(pod.getHostPID()).as("hostPID: the node's processes").isTrue();
    assertThat(pod.getTolerations()).anyMatch(t -> "Exists".equals(t.getOperator()) && t.getKey() == null);
    assertThat(pod.getServiceAccountName()).isEqualTo(only(all, ServiceAccount.class).getMetadata().getName());
    Container c = pod.getContainers().get(0);
    assertThat(c.getSecurityContext().getPrivileged()).isTrue();

    // The arguments are a serve command line mountscope itself accepts.
    CommandLine.ParseResult parsed = Cli.create().parseArgs(c.getArgs().toArray(String[]::new));
    assertThat(parsed.subcommand().commandSpec().name()).isEqualTo("serve");
    String listen = parsed.subcommand().matchedOptionValue("--listen", "");
    int port = Integer.parseInt(listen.substring(listen.lastIndexOf(':') + 1));
    assertThat(listen).as("listens on every interface, for the scraper").startsWith(":");
    ContainerPort metrics = c.getPorts().stream().filter(p -> "metrics".equals(p.getName())).findFirst().orElseThrow();
    assertThat(metrics.getContainerPort()).isEqualTo(port);
    assertThat(ds.getSpec().getTemplate().getMetadata().getAnnotations()).containsEntry("prometheus.io/port", "" + port);

    Set<String> volumes = pod.getVolumes().stream().map(Volume::getName).collect(Collectors.toSet());
    assertThat(c.getVolumeMounts().stream().map(VolumeMount::getName).toList()).allMatch(volumes::contains);
    Map<String, String> mounts = c.getVolumeMounts().stream().collect(Collectors.toMap(VolumeMount::getMountPath,
        VolumeMount::getName));
    assertThat(mounts).containsKeys("/sys/kernel/tracing", "/run/containerd", "/tmp");
    Map<String, String> env = c.getEnv().stream().collect(Collectors.toMap(e -> e.getName(), e -> e.getValue()));
    assertThat(env).containsEntry("MOUNTSCOPE_MOUNTINFO", "/proc/1/mountinfo")
        .containsEntry("CONTAINERD_ADDRESS", "/run/containerd/containerd.sock");
    assertThat(env.get("CONTAINERD_ADDRESS")).startsWith(mounts.entrySet().stream()
        .filter(e -> e.getValue().equals("containerd")).findFirst().orElseThrow().getKey());
    if (Boolean.TRUE.equals(c.getSecurityContext().getReadOnlyRootFilesystem())) {
      assertThat(mounts).containsKeys(env.get("MOUNTSCOPE_LOG_DIR"), env.get("MOUNTSCOPE_STATE_DIR"));
    }

    // The probes ask serve for a path it answers.
    assertThat(c.getReadinessProbe().getHttpGet().getPort().getStrVal()).isEqualTo("metrics");
    try (MetricsServer server = MetricsServer.start(new InetSocketAddress("127.0.0.1", 0),
        () -> Diagnosis.derive(SampleFixtures.full(1), null), "test")) {
      for (var probe : List.of(c.getReadinessProbe(), c.getLivenessProbe())) {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
            + server.address().getPort() + probe.getHttpGet().getPath())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
      }
    }

    Service svc = only(all, Service.class);
    assertThat(podLabels).containsAllEntriesOf(svc.getSpec().getSelector());
    assertThat(svc.getSpec().getPorts().get(0).getTargetPort().getStrVal()).isEqualTo("metrics");
  }

  @Test
  void the_scrape_configuration_keeps_exactly_the_daemonset_pods_on_their_metrics_port() throws Exception {
    DaemonSet ds = only(all(), DaemonSet.class);
    JsonNode job = YAML.readTree(DIR.resolve("prometheus-scrape.yaml").toFile()).get("scrape_configs").get(0);
    JsonNode sd = job.get("kubernetes_sd_configs").get(0);
    assertThat(sd.get("role").asText()).isEqualTo("pod");
    assertThat(sd.get("namespaces").get("names").get(0).asText()).isEqualTo(ds.getMetadata().getNamespace());
    for (JsonNode r : job.get("relabel_configs")) {
      if (!"keep".equals(r.path("action").asText())) {
        continue;
      }
      String source = r.get("source_labels").get(0).asText();
      String regex = r.get("regex").asText();
      if (source.equals("__meta_kubernetes_pod_label_app_kubernetes_io_name")) {
        assertThat(ds.getSpec().getTemplate().getMetadata().getLabels().get("app.kubernetes.io/name")).matches(regex);
      } else if (source.equals("__meta_kubernetes_pod_container_port_name")) {
        assertThat(ds.getSpec().getTemplate().getSpec().getContainers().get(0).getPorts().get(0).getName()).matches(regex);
      } else {
        throw new AssertionError("a keep rule this test does not know: " + source);
      }
    }
  }

  @Test
  void the_alert_rules_use_only_metrics_mountscope_serves() throws Exception {
    String rules = Files.readString(DIR.resolve("alerts.yaml"));
    Set<String> documented = MetricDocs.names();
    Matcher m = Pattern.compile("mountscope_[a-z_]+").matcher(rules.replaceAll("(?m)^\\s*#.*$", ""));
    Set<String> used = new TreeSet<>();
    while (m.find()) {
      used.add(m.group().replaceAll("_total$", ""));
    }
    assertThat(used).isNotEmpty();
    assertThat(documented).containsAll(used);
  }
}
