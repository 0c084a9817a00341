package io.mountscope.stress;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The built-in patterns make, per start, exactly the calls mount_storm_ref.c makes. */
class PatternsTest {
  private static final Layout LAYOUT = new Layout("/tmp/mountscope-stress.1.0");

  private static long[] perStart(Pattern p, int layers) {
    return Patterns.plan(StressParams.of(p, layers, 1, 1), LAYOUT, 0).syscallsPerStart();
  }

  private static long count(long[] perStart, SyscallKind k) {
    return perStart[k.ordinal()];
  }

  @Test
  void containerd_before_12092_makes_four_mount_syscalls_per_layer_plus_two_per_start() {
    for (int layers : List.of(1, 5, 50)) {
      long[] n = perStart(Pattern.IDMAP_PER_LAYER, layers);
      assertThat(count(n, SyscallKind.OPEN_TREE)).isEqualTo(layers);
      assertThat(count(n, SyscallKind.MOUNT_SETATTR)).isEqualTo(layers);
      assertThat(count(n, SyscallKind.MOVE_MOUNT)).isEqualTo(layers);
      assertThat(count(n, SyscallKind.MOUNT)).isEqualTo(1);
      assertThat(count(n, SyscallKind.UMOUNT)).isEqualTo(layers + 1);
      assertThat(SyscallCounts.of(n).total()).isEqualTo(4L * layers + 2); // mount_storm_ref.c's count
    }
  }

  @Test
  void the_common_parent_fix_makes_six_mount_syscalls_whatever_the_layer_count() {
    for (int layers : List.of(1, 50, 200)) {
      assertThat(SyscallCounts.of(perStart(Pattern.IDMAP_COMMON_PARENT, layers)).total()).isEqualTo(6);
    }
  }

  @Test
  void bind_and_overlay_are_one_mount_and_one_umount() {
    assertThat(SyscallCounts.of(perStart(Pattern.BIND, 50)).nonZero()).containsExactly(
        java.util.Map.entry("mount", 1L), java.util.Map.entry("umount", 1L));
    assertThat(SyscallCounts.of(perStart(Pattern.OVERLAY, 50)).nonZero()).containsExactly(
        java.util.Map.entry("mount", 1L), java.util.Map.entry("umount", 1L));
  }

  @Test
  void a_per_layer_start_holds_every_layer_and_the_overlay_at_its_peak() {
    StartPlan perLayer = Patterns.plan(StressParams.of(Pattern.IDMAP_PER_LAYER, 50, 1, 1), LAYOUT, 0);
    StartPlan common = Patterns.plan(StressParams.of(Pattern.IDMAP_COMMON_PARENT, 50, 1, 1), LAYOUT, 0);
    assertThat(perLayer.analyse().peakMounts()).isEqualTo(51);
    assertThat(common.analyse().peakMounts()).isEqualTo(2);
  }

  @Test
  void the_overlay_stacks_the_idmapped_copies_top_layer_first_with_the_threads_own_upper_dir() {
    StartPlan plan = Patterns.plan(StressParams.of(Pattern.IDMAP_PER_LAYER, 3, 2, 2), LAYOUT, 1);
    Step.Mount overlay = plan.steps().stream().filter(s -> s instanceof Step.Mount).map(s -> (Step.Mount) s).findFirst().orElseThrow();
    String w = LAYOUT.root() + "/w1";
    assertThat(overlay.data()).isEqualTo("lowerdir=" + w + "/t0:" + w + "/t1:" + w + "/t2,upperdir=" + w + "/up,workdir=" + w + "/wk");
    assertThat(overlay.target()).isEqualTo(w + "/merged");
    assertThat(plan.steps().get(0)).isEqualTo(new Step.OpenTree(LAYOUT.layer(0), Patterns.CLONE));
    assertThat(plan.steps().get(1)).isEqualTo(new Step.SetAttr(Patterns.IDMAP_RO, 0, 0, true));
    assertThat(plan.steps().get(2)).isEqualTo(new Step.MoveMount(w + "/t0"));
  }

  @Test
  void starts_are_split_evenly_over_threads_and_add_up() {
    StressParams p = StressParams.of(Pattern.BIND, 1, 3, 100);
    assertThat(List.of(p.startsOfThread(0), p.startsOfThread(1), p.startsOfThread(2))).containsExactly(34L, 33L, 33L);
  }
}
