package io.mountscope.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.mountscope.testing.Samples;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The derivations of Model from pairs of constructed Samples. */
class DeriveTest {
  private static final Topology TWO = Samples.twoNodes();

  @Test
  void mount_rates_per_kind_per_node_and_per_process_come_from_the_counter_deltas() {
    MountCounters before = new MountCounters(Map.of(
        "open_tree", Samples.onCpus(8, 100, 0, 5), "mount", Samples.onCpus(8, 10, 0)),
        List.of(new MountCounters.ProcessCount(41, "containerd", 200), new MountCounters.ProcessCount(77, "systemd", 10)));
    MountCounters now = new MountCounters(Map.of(
        "open_tree", new long[] {300, 0, 0, 0, 0, 500, 0, 0}, "mount", Samples.onCpus(8, 30, 0)),
        List.of(new MountCounters.ProcessCount(41, "containerd", 800), new MountCounters.ProcessCount(77, "systemd", 30),
            new MountCounters.ProcessCount(99, "runc", 40)));
    MountActivity a = MountActivity.derive(now, before, 2.0, TWO);
    assertThat(a.counters()).containsEntry("open_tree", 800L).containsEntry("mount", 30L);
    assertThat(a.rates()).containsEntry("open_tree", 300.0).containsEntry("mount", 10.0);
    assertThat(a.totalRate()).isEqualTo(310.0);
    assertThat(a.perNode()).extracting(MountActivity.NodeRate::node).containsExactly(0, 1);
    assertThat(a.perNode().get(0).rate()).isEqualTo(110.0); // (200 open_tree + 20 mount) / 2 s on CPU 0
    assertThat(a.perNode().get(1).rate()).isEqualTo(200.0);
    assertThat(a.perNode().get(1).rates()).containsEntry("open_tree", 200.0);
    assertThat(a.topProcesses()).extracting(MountActivity.ProcessRate::comm).containsExactly("containerd", "runc", "systemd");
    assertThat(a.topProcesses().get(0).rate()).isEqualTo(300.0);
    assertThat(a.topProcesses().get(1).rate()).as("a new process counts from zero").isEqualTo(20.0);
  }

  @Test
  void the_first_tick_has_counters_but_no_rates() {
    MountActivity a = MountActivity.derive(new MountCounters(Map.of("mount", new long[] {5, 5}), List.of()), null, 0,
        Samples.oneNode());
    assertThat(a.counters()).containsEntry("mount", 10L);
    assertThat(a.totalRate()).isZero();
  }

  @Test
  void hotspot_families_lock_spin_per_node_and_mount_lock_stacks_count_only_the_new_samples() {
    HotspotSample before = new HotspotSample(100, Map.of(0, Map.of("default_idle", 50L), 4, Map.of("default_idle", 50L)),
        Map.of("do_idle;default_idle", 100L), 1);
    HotspotSample now = new HotspotSample(310,
        Map.of(0, Map.of("default_idle", 60L, "native_queued_spin_lock_slowpath", 70L, "path_init", 10L,
                "copy_page", 20L),
            4, Map.of("default_idle", 100L, "rwsem_spin_on_owner", 40L, "osq_lock", 10L)),
        Map.of("do_idle;default_idle", 160L,
            "__x64_sys_move_mount;do_move_mount;lock_mount;down_write;rwsem_down_write_slowpath;rwsem_spin_on_owner", 40L,
            "__x64_sys_umount;namespace_unlock;_raw_spin_lock;native_queued_spin_lock_slowpath", 70L,
            "__x64_sys_openat;do_filp_open;path_openat;path_init", 10L,
            "__x64_sys_read;copy_page", 20L, "x;osq_lock", 10L), 3);
    Hotspots h = Hotspots.derive(now, before, TWO);
    assertThat(h.samples()).isEqualTo(210);
    assertThat(h.lostSamples()).isEqualTo(2);
    // spinning: 70 spinlock + 10 path_init + 40 rwsem + 10 osq = 130 of 210
    assertThat(h.lockSpinShare()).isCloseTo(130.0 / 210, within(1e-9));
    // stacks through lock_mount, namespace_unlock, path_init: 40 + 70 + 10
    assertThat(h.mountLockShare()).isCloseTo(120.0 / 210, within(1e-9));
    assertThat(h.top().get(0).symbol()).isEqualTo("native_queued_spin_lock_slowpath");
    assertThat(h.top().get(0).family()).isEqualTo(HotspotFamily.SPINLOCK);
    assertThat(h.top()).anySatisfy(s -> {
      assertThat(s.symbol()).isEqualTo("path_init");
      assertThat(s.family()).isEqualTo(HotspotFamily.MOUNT_LOCK);
    });
    assertThat(h.families()).extracting(Hotspots.FamilyShare::family).startsWith(HotspotFamily.SPINLOCK);
    assertThat(h.perNode()).hasSize(2);
    assertThat(h.perNode().get(0).samples()).isEqualTo(110); // node 0: 10 idle + 70 + 10 + 20
    assertThat(h.perNode().get(0).lockSpinShare()).isCloseTo(80.0 / 110, within(1e-9));
    assertThat(h.perNode().get(1).lockSpinShare()).isCloseTo(0.50, within(1e-9));
  }

  @Test
  void symbols_are_put_in_their_families() {
    assertThat(HotspotFamily.of("namespace_unlock")).isEqualTo(HotspotFamily.MOUNT_LOCK);
    assertThat(HotspotFamily.of("lock_mount+0x3c/0x120")).isEqualTo(HotspotFamily.MOUNT_LOCK);
    assertThat(HotspotFamily.of("_raw_spin_lock_irqsave")).isEqualTo(HotspotFamily.SPINLOCK);
    assertThat(HotspotFamily.of("rwsem_down_write_slowpath")).isEqualTo(HotspotFamily.RWSEM);
    assertThat(HotspotFamily.of("osq_lock")).isEqualTo(HotspotFamily.RWSEM);
    assertThat(HotspotFamily.of("mutex_spin_on_owner.isra.0")).isEqualTo(HotspotFamily.MUTEX);
    assertThat(HotspotFamily.of("synchronize_rcu_expedited")).isEqualTo(HotspotFamily.RCU);
    assertThat(HotspotFamily.of("pv_native_safe_halt")).isEqualTo(HotspotFamily.IDLE);
    assertThat(HotspotFamily.of("[user]")).isEqualTo(HotspotFamily.USER);
    assertThat(HotspotFamily.of("copy_page")).isEqualTo(HotspotFamily.OTHER);
  }

  @Test
  void cpu_busy_share_per_cpu_and_per_node_come_from_proc_stat_ticks() {
    CpuTimesSample before = new CpuTimesSample(new long[] {0, 0, 0, 0, 0, 0, 0, 0}, new long[] {0, 0, 0, 0, 0, 0, 0, 0});
    CpuTimesSample now = new CpuTimesSample(new long[] {100, 50, 0, 0, 25, 25, 25, 25},
        new long[] {100, 100, 100, 100, 100, 100, 100, 100});
    CpuLoad l = CpuLoad.derive(now, before, TWO);
    assertThat(l.busyShare()).isCloseTo(250.0 / 800, within(1e-9));
    assertThat(l.perCpu()).containsExactly(1.0, 0.5, 0.0, 0.0, 0.25, 0.25, 0.25, 0.25);
    assertThat(l.nodes()).extracting(CpuLoad.NodeLoad::busyShare).containsExactly(0.375, 0.25);
    assertThat(CpuLoad.derive(now, null, TWO)).isNull();
  }

  @Test
  void lock_wait_per_second_and_its_mount_lock_share_come_from_row_deltas() {
    LockSample before = new LockSample(List.of(new LockTable.Row("namespace_unlock+0x2a", "mutex", 10, 1_000_000_000, 5, 1),
        new LockTable.Row("some_other_lock", "spinlock", 10, 500_000_000, 5, 1)), 0);
    LockSample now = new LockSample(List.of(new LockTable.Row("namespace_unlock+0x2a", "mutex", 30, 4_000_000_000L, 5, 1),
        new LockTable.Row("some_other_lock", "spinlock", 20, 1_500_000_000, 5, 1)), 7);
    LockTable t = LockTable.derive(now, before, 2.0);
    assertThat(t.waitNanosPerSecond()).isEqualTo(2_000_000_000.0);
    assertThat(t.mountLockWaitShare()).isEqualTo(0.75);
    assertThat(t.rows().get(0).caller()).startsWith("namespace_unlock");
    assertThat(t.lostEvents()).isEqualTo(7);
  }

  @Test
  void idmapped_temp_mounts_become_leaks_after_a_minute_and_gone_targets_at_once() {
    long now = 1_700_000_100_000L;
    MountTableSample s = new MountTableSample(100, "listmount", 1_000_000, 9000, 5_000_000_000L, Map.of(), Map.of(),
        List.of(), List.of(
            new MountTableSample.Tracked(70, "/tmp/ovl-idmapped1/0", "ext4", "idmapped-temp", now - 61_000, true),
            new MountTableSample.Tracked(71, "/tmp/ovl-idmapped2/0", "ext4", "idmapped-temp", now - 5_000, true),
            new MountTableSample.Tracked(72, "/run/netns/cni-x", "nsfs", "namespace-pin", now - 1_000, false)));
    MountTable t = MountTable.derive(s, new MountTableSample(90, 1, 1), 2.0, now, 7_000_000_000L);
    assertThat(t.growthPerSecond()).isEqualTo(5.0);
    assertThat(t.detailAgeSeconds()).isEqualTo(2.0);
    assertThat(t.leaks()).extracting(MountTable.Leak::mountId).containsExactly(70L, 72L);
    assertThat(t.leaks().get(0).reason()).isEqualTo("idmapped-temp-old");
    assertThat(t.leaks().get(0).ageSeconds()).isEqualTo(61.0);
    assertThat(t.leaks().get(1).reason()).isEqualTo("target-gone");
  }

  @Test
  void self_cost_counts_the_mount_syscalls_and_mountinfo_bytes_the_console_adds() {
    SelfCost c = SelfCost.derive(new SelfSample(3_000_000_000L, 80L << 20, 30, 6_000_000),
        new SelfSample(1_000_000_000L, 70L << 20, 10, 2_000_000), 4.0);
    assertThat(c.cpuShare()).isEqualTo(0.5);
    assertThat(c.mountSyscalls()).isEqualTo(30);
    assertThat(c.mountSyscallsPerSecond()).isEqualTo(5.0);
    assertThat(c.mountinfoBytesPerSecond()).isEqualTo(1_000_000.0);
  }
}
