package io.mountscope.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.mountscope.util.Json;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelTest {
  private static Sample sample(long monoNanos, long mounts, long cpuNanos) {
    return new Sample(1_700_000_000_000L, monoNanos, new HostInfo("n1", "Debian", 10), new KernelInfo("6.1.0", "#1", "x86_64"),
        null, null, null, new MountTableSample(mounts, 2_500_000, 4096), null, null, null, null,
        new SelfSample(cpuNanos, 50_000_000), Map.of());
  }

  @Test
  void growth_and_cpu_share_come_from_the_pair_of_samples() {
    Sample before = sample(0, 1000, 0);
    Sample now = sample(2_000_000_000L, 1600, 20_000_000L);
    Model m = Model.derive(now, before);
    assertThat(m.mountTable().mounts()).isEqualTo(1600);
    assertThat(m.mountTable().growthPerSecond()).isEqualTo(300.0);
    assertThat(m.mountTable().readMillis()).isEqualTo(2.5);
    assertThat(m.self().cpuShare()).isEqualTo(0.01);
  }

  @Test
  void the_first_sample_has_no_rates_yet() {
    Model m = Model.derive(sample(5, 1000, 7), null);
    assertThat(m.mountTable().growthPerSecond()).isZero();
    assertThat(m.self().cpuShare()).isZero();
  }

  @Test
  void json_carries_the_documented_top_level_names_in_order() throws Exception {
    String json = Json.line(Model.derive(sample(1, 1, 1), null));
    var fields = Json.mapper().readTree(json).fieldNames();
    var names = new java.util.ArrayList<String>();
    fields.forEachRemaining(names::add);
    assertThat(names).containsSubsequence("time", "host", "kernel", "topology", "cpuLoad", "mountActivity", "mountTable",
        "locks", "hotspots", "startups", "sysctls", "verdicts", "self");
    assertThat(json).contains("\"time\":\"2023-11-14T22:13:20Z\"");
  }
}
