package io.mountscope.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class StartupsTest {
  private static StartupsSample sample(long completed, StartupsSample.Start... starts) {
    return new StartupsSample(StartupsSample.SOURCE_CONTAINERD,
        new ContainerdStatus("/run/containerd/containerd.sock", "connected", null, 0, "2.1.4", "per-layer", true),
        List.of(starts), completed, 0, 0, StartupsSample.Latency.EMPTY, List.of(), 10_000, 30_000);
  }

  private static StartupsSample.Start start(String id, long startedMillis) {
    return new StartupsSample.Start(id, "k8s.io", "app:1", 55, "overlayfs", startedMillis, "creating", true, 120L, List.of(1));
  }

  @Test
  void starts_past_the_thresholds_are_stuck_and_listed_oldest_first() {
    long now = 100_000;
    Startups s = Startups.derive(sample(9, start("fresh", now - 2_000), start("slow", now - 12_000),
        start("hung", now - 31_000)), sample(5), now, 2.0);
    assertThat(s.inFlight()).extracting(Startups.InFlight::id).containsExactly("hung", "slow", "fresh");
    assertThat(s.inFlight()).extracting(Startups.InFlight::stuck).containsExactly("critical", "warning", "ok");
    assertThat(s.inFlight().get(0).ageMillis()).isEqualTo(31_000);
    assertThat(s.stuck()).isEqualTo(new Startups.Stuck(1, 1));
    assertThat(s.completedPerSecond()).isEqualTo(2.0);
    assertThat(s.thresholds()).isEqualTo(new Startups.Thresholds(10_000, 30_000));
  }
}
