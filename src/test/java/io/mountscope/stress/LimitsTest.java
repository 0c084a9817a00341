package io.mountscope.stress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mountscope.util.InputException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The engine refuses storms that would fill the mount table or only measure the run queue. */
class LimitsTest {
  private static final Layout LAYOUT = new Layout("/tmp/mountscope-stress.1.0");

  private static List<StartPlan> plans(StressParams p) {
    List<StartPlan> plans = new ArrayList<>();
    for (int t = 0; t < p.threads(); t++) {
      plans.add(Patterns.plan(p, LAYOUT, t));
    }
    return plans;
  }

  @Test
  void the_peak_counts_every_threads_layers_and_overlay_plus_the_scratch_tmpfs() {
    StressParams p = StressParams.of(Pattern.IDMAP_PER_LAYER, 50, 4, 4);
    Limits.Estimate e = Limits.check(p, plans(p), 30, 100_000, 2);
    assertThat(e.stormPeak()).isEqualTo(4 * 51 + 1);
    assertThat(e.peak()).isEqualTo(30 + 4 * 51 + 1);
  }

  @Test
  void a_storm_that_would_pass_80_percent_of_fs_mount_max_is_refused_with_the_numbers() {
    StressParams p = StressParams.of(Pattern.IDMAP_PER_LAYER, 50, 20, 20);
    // 20 threads x 51 + 1 = 1021 on top of 100 mounts, against fs.mount-max = 1300: 86%.
    assertThatThrownBy(() -> Limits.check(p, plans(p), 100, 1300, 32)).isInstanceOf(InputException.class)
        .hasMessageContaining("up to 1021 mounts at once (20 threads, 51 at most per start) on top of the 100")
        .hasMessageContaining("fs.mount-max=1300");
    assertThat(Limits.check(p, plans(p), 100, 1402, 32).peak()).isEqualTo(1121); // 80% of 1402 is 1121.6
  }

  @Test
  void more_than_64_threads_per_usable_cpu_is_refused() {
    StressParams p = StressParams.of(Pattern.BIND, 1, 129, 129);
    assertThatThrownBy(() -> Limits.check(p, plans(p), 30, 100_000, 2)).isInstanceOf(InputException.class)
        .hasMessage("--threads 129: more than 128 (64 per CPU of the 2 it may use); beyond that a storm measures the run queue, not the mount locks");
    assertThat(Limits.check(StressParams.of(Pattern.BIND, 1, 128, 128), plans(StressParams.of(Pattern.BIND, 1, 128, 128)), 30, 100_000, 2))
        .isNotNull();
  }

  @Test
  void overlay_options_longer_than_a_page_are_refused_with_a_layer_count_that_fits() {
    StressParams p = StressParams.of(Pattern.IDMAP_PER_LAYER, 150, 1, 1);
    assertThatThrownBy(() -> Limits.check(p, plans(p), 30, 100_000, 2)).isInstanceOf(InputException.class)
        .hasMessageStartingWith("--layers 150: the overlay's options would be").hasMessageContaining("more than the 4095");
  }
}
