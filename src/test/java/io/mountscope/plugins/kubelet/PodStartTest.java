package io.mountscope.plugins.kubelet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The kubelet's "Observed pod startup duration" lines as real kubelets wrote them: klog text, syslog, JSON. */
class PodStartTest {
  @Test
  void a_kubelet_log_file_line_gives_the_pod_its_slo_and_end_to_end_seconds_and_when_it_ran() {
    List<String> lines = KubeletLogLines.kubelet("kubelet-klog.log");
    PodStart s = PodStart.parse(lines.get(0));
    assertThat(s.pod()).isEqualTo("default/resource-consume-6f5d8d9765-wpkvz");
    assertThat(s.sloSeconds()).isEqualTo(0.915956292);
    assertThat(s.e2eSeconds()).isEqualTo(18.349908634);
    // watchObservedRunningTime="2025-03-03 22:05:07.349908634 +0800 CST"
    assertThat(s.observedMillis()).isEqualTo(Instant.parse("2025-03-03T14:05:07.349Z").toEpochMilli());
    assertThat(PodStart.parse(lines.get(1)).pod()).isEqualTo("default/resource-consume-6f5d8d9765-vts58");
  }

  @Test
  void a_line_cut_short_is_malformed_and_says_why() {
    String cut = KubeletLogLines.kubelet("kubelet-klog.log").get(2);
    assertThatThrownBy(() -> PodStart.parse(cut)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the value of podCreationTimestamp has no closing quote (line cut short?)");
    String noEnd = KubeletLogLines.kubelet("kubelet-klog.log").get(1);
    String withoutLastField = noEnd.substring(0, noEnd.indexOf(" watchObservedRunningTime="));
    assertThatThrownBy(() -> PodStart.parse(withoutLastField)).hasMessage("no watchObservedRunningTime (line cut short?)");
  }

  @Test
  void syslog_and_journal_prefixes_are_read_past_and_other_messages_are_not_starts() {
    List<String> all = KubeletLogLines.all("kubelet-syslog.log");
    List<PodStart> starts = all.stream().map(PodStart::parse).filter(s -> s != null).toList();
    assertThat(starts).extracting(PodStart::pod).containsExactly("kube-system/csi-azuredisk-node-gkzz5",
        "kube-system/kube-proxy-c9b74", "kube-system/azure-cns-lrnkq", "kube-system/csi-azurefile-node-r6t8m",
        "kube-system/cloud-node-manager-2dq49", "kube-system/azure-ip-masq-agent-nqw99", "kube-system/kube-proxy-vg4qp",
        "kube-system/aws-node-vw7c6", "kube-system/konnectivity-agent-gnc9k");
    // EKS's aws-node pulled its image: 2.47 s by the SLO, 13.23 s end to end.
    assertThat(starts.get(7).sloSeconds()).isEqualTo(2.471963941);
    assertThat(starts.get(7).e2eSeconds()).isEqualTo(13.230915126);
  }

  @Test
  void kubelet_1_26_logged_no_end_to_end_duration_so_it_is_computed_from_the_timestamps() {
    PodStart s = PodStart.parse(KubeletLogLines.kubelet("kubelet-syslog.log").get(8));
    assertThat(s.sloSeconds()).isEqualTo(-9.223372029479458e+09); // the kubelet bug the blog post shows
    // watchObservedRunningTime 15:33:13.375317944 - pod.CreationTimestamp 15:33:06, to the millisecond
    assertThat(s.e2eSeconds()).isEqualTo(7.375);
  }

  @Test
  void json_lines_give_the_same_starts_as_the_klog_lines_they_were_transcribed_from() {
    List<PodStart> json = KubeletLogLines.all("kubelet-json.log").stream().map(PodStart::parse).filter(s -> s != null).toList();
    List<String> klog = KubeletLogLines.kubelet("kubelet-klog.log");
    List<String> syslog = KubeletLogLines.kubelet("kubelet-syslog.log");
    List<PodStart> text = List.of(PodStart.parse(klog.get(0)), PodStart.parse(klog.get(1)), PodStart.parse(syslog.get(6)),
        PodStart.parse(syslog.get(7)));
    assertThat(json).hasSize(4);
    for (int i = 0; i < 4; i++) {
      assertThat(json.get(i).pod()).isEqualTo(text.get(i).pod());
      assertThat(json.get(i).sloSeconds()).isEqualTo(text.get(i).sloSeconds());
      assertThat(json.get(i).e2eSeconds()).isEqualTo(text.get(i).e2eSeconds());
    }
    // ts is the klog header's time (I0303 22:05:07.349917 at +0800), the watch time 9 µs earlier.
    assertThat(json.get(0).observedMillis()).isEqualTo(Instant.parse("2025-03-03T14:05:07.349Z").toEpochMilli());
  }

  @Test
  void broken_json_and_json_without_the_numbers_are_malformed() {
    String line = KubeletLogLines.kubelet("kubelet-json.log").get(0);
    assertThatThrownBy(() -> PodStart.parse(line.substring(0, 200))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("not JSON at column");
    assertThatThrownBy(() -> PodStart.parse(line.replace("\"podStartSLOduration\":0.915956292", "\"podStartSLOduration\":\"x\"")))
        .hasMessage("no podStartSLOduration number");
  }

  @Test
  void go_durations_as_the_kubelet_prints_them() {
    assertThat(PodStart.goDuration("18.349908634s")).isEqualTo(18.349908634);
    assertThat(PodStart.goDuration("1m2.5s")).isEqualTo(62.5);
    assertThat(PodStart.goDuration("180.183041ms")).isEqualTo(0.180183041);
    assertThat(PodStart.goDuration("0s")).isEqualTo(0.0);
    assertThat(PodStart.goDuration("1h0m0s")).isEqualTo(3600.0);
    assertThat(PodStart.goDuration("soon")).isNull();
  }
}
