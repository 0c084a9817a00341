package io.mountscope.probe.startups;

import static org.assertj.core.api.Assertions.assertThat;

import io.mountscope.model.MountCounters;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Per-process mount counts (the mount activity probe's record) attributed to one start's processes. */
class MountAttributionTest {
  private static MountCounters counts(int... pidCount) {
    List<MountCounters.ProcessCount> list = new java.util.ArrayList<>();
    for (int i = 0; i < pidCount.length; i += 2) {
      list.add(new MountCounters.ProcessCount(pidCount[i], "p" + pidCount[i], pidCount[i + 1]));
    }
    return new MountCounters(Map.of(), list);
  }

  @Test
  void a_pod_shim_counts_from_before_the_start_and_a_new_runc_from_zero_even_after_it_exits() {
    MountAttribution a = new MountAttribution();
    ProcessTable.Proc shim = new ProcessTable.Proc(100, 1, "containerd-shim", 0);
    ProcessTable.Proc runc = new ProcessTable.Proc(200, 100, "runc", 1_600);
    a.observe(counts(100, 50, 7, 1000), 1_000);
    // the start begins at 1500; at the next tick the shim has mounted the rootfs (12 calls), runc 3
    a.observe(counts(100, 62, 200, 3, 7, 1005), 2_000);
    assertThat(a.update("k8s.io/c1", 1_500, List.of(shim, runc))).isEqualTo(15);
    // runc has exited: its 3 stay; the shim went on to 70
    a.observe(counts(100, 70, 7, 1010), 3_000);
    assertThat(a.update("k8s.io/c1", 1_500, List.of(shim))).isEqualTo(23);
  }

  @Test
  void without_the_mount_activity_probe_there_is_no_number() {
    MountAttribution a = new MountAttribution();
    a.observe(null, 1_000);
    assertThat(a.update("k", 0, List.of(new ProcessTable.Proc(1, 0, "x", 0)))).isNull();
  }
}
