package io.mountscope.plugins.kubelet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The window of recent starts and what it derives: quantiles, the slowest pods by name, malformed lines counted. */
class StartWindowTest {
  @Test
  void the_aks_daemonsets_are_the_slowest_pods_and_set_p90() {
    StartWindow w = new StartWindow(200);
    KubeletLogLines.all("kubelet-syslog.log").forEach(w::accept);
    Map<String, Object> d = StartWindow.derive(w.toTree(), null, 0);
    // SLO seconds, sorted: 2.47 4.21 46.12 48.11 50.12 53.12 55.13 58.13 (the 1.26 line's is negative)
    assertThat(d.get("starts")).isEqualTo(8L);
    assertThat(d.get("negativeSlo")).isEqualTo(1L);
    assertThat(d.get("p50Seconds")).isEqualTo(48.112095192);
    assertThat(d.get("p90Seconds")).isEqualTo(58.130955645);
    assertThat(d.get("p99Seconds")).isEqualTo(58.130955645);
    List<?> slowest = (List<?>) d.get("slowest");
    assertThat(slowest).hasSize(StartWindow.SLOWEST);
    assertThat(((Map<?, ?>) slowest.get(0)).get("pod")).isEqualTo("kube-system/azure-ip-masq-agent-nqw99");
    assertThat(((Map<?, ?>) slowest.get(4)).get("pod")).isEqualTo("kube-system/kube-proxy-c9b74");
    // End to end, 9 starts: 4.21 7.375 13.23 46.12 48.11 50.12 53.12 55.13 58.13
    Map<?, ?> e2e = (Map<?, ?>) d.get("e2e");
    assertThat(e2e.get("starts")).isEqualTo(9L);
    assertThat(e2e.get("p50Seconds")).isEqualTo(48.112095192);
    assertThat(d.get("linesRead")).isEqualTo(19L); // 10 lines of note, 9 of the kubelet
    assertThat(d.get("malformedLines")).isEqualTo(0L);
  }

  @Test
  void a_malformed_line_is_counted_and_kept_as_the_last_example_and_reading_goes_on() {
    StartWindow w = new StartWindow(200);
    KubeletLogLines.kubelet("kubelet-klog.log").forEach(w::accept);
    w.accept(KubeletLogLines.kubelet("kubelet-syslog.log").get(0));
    Map<String, Object> t = w.toTree();
    assertThat(t.get("malformedLines")).isEqualTo(1L);
    assertThat((String) t.get("lastMalformed")).startsWith("the value of podCreationTimestamp has no closing quote");
    assertThat(w.starts()).extracting(PodStart::pod).containsExactly("default/resource-consume-6f5d8d9765-wpkvz",
        "default/resource-consume-6f5d8d9765-vts58", "kube-system/csi-azuredisk-node-gkzz5");
  }

  @Test
  void the_window_keeps_the_newest_starts_and_recent_counts_those_between_two_readings() {
    StartWindow w = new StartWindow(3);
    List<String> lines = KubeletLogLines.kubelet("kubelet-syslog.log");
    lines.subList(0, 4).forEach(w::accept);
    Map<String, Object> before = StartWindow.derive(w.toTree(), null, 0);
    lines.subList(4, 6).forEach(w::accept);
    Map<String, Object> now = w.toTree();
    assertThat(w.starts()).extracting(PodStart::pod).containsExactly("kube-system/csi-azurefile-node-r6t8m",
        "kube-system/cloud-node-manager-2dq49", "kube-system/azure-ip-masq-agent-nqw99");
    Map<String, Object> d = StartWindow.derive(now, before, 5);
    assertThat(d.get("startsSeen")).isEqualTo(6L);
    Map<?, ?> recent = (Map<?, ?>) d.get("recent");
    assertThat(recent.get("starts")).isEqualTo(2L);
    assertThat(recent.get("startsPerSecond")).isEqualTo(0.4);
    assertThat(recent.get("p50Seconds")).isEqualTo(55.125648638);
    assertThat(recent.get("p99Seconds")).isEqualTo(58.130955645);
  }

  @Test
  void nearest_rank_quantiles() {
    List<Double> ten = List.of(1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0);
    assertThat(StartWindow.quantile(ten, 0.5)).isEqualTo(5.0);
    assertThat(StartWindow.quantile(ten, 0.9)).isEqualTo(9.0);
    assertThat(StartWindow.quantile(ten, 0.99)).isEqualTo(10.0);
    assertThat(StartWindow.quantile(List.of(), 0.5)).isNull();
  }
}
