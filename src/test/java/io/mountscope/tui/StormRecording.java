package io.mountscope.tui;

import io.mountscope.model.ContainerdStatus;
import io.mountscope.model.CpuTimesSample;
import io.mountscope.model.HostInfo;
import io.mountscope.model.HotspotSample;
import io.mountscope.model.KernelInfo;
import io.mountscope.model.LockSample;
import io.mountscope.model.LockTable;
import io.mountscope.model.MountCounters;
import io.mountscope.model.MountTableSample;
import io.mountscope.model.NumaNode;
import io.mountscope.model.ProbeStatus;
import io.mountscope.model.Sample;
import io.mountscope.model.SelfSample;
import io.mountscope.model.Smt;
import io.mountscope.model.StartupsSample;
import io.mountscope.model.Sysctl;
import io.mountscope.model.Topology;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * A recording, one Sample per second, of the incident on a two-socket Ice Lake node: quiet for
 * 10 s, then a storm of user-namespaced starts of 50-layer images that containerd idmaps layer by
 * layer (per start: 50 open_tree, 50 mount_setattr, 50 move_mount, one overlay mount, 50 umount).
 * The shape and magnitudes follow the incident in DESIGN.md; the numbers are made up for rendering
 * tests, deterministic, and not ground truth for any probe.
 */
final class StormRecording {
  static final long T0 = 1_700_000_000_000L;
  static final int CPUS = 128;
  static final String[] KINDS = {"mount", "umount", "open_tree", "move_mount", "mount_setattr", "fsopen", "fsmount"};

  private StormRecording() {}

  static Topology topology() {
    List<Integer> n0 = new ArrayList<>();
    List<Integer> n1 = new ArrayList<>();
    IntStream.range(0, 32).forEach(n0::add);
    IntStream.range(64, 96).forEach(n0::add);
    IntStream.range(32, 64).forEach(n1::add);
    IntStream.range(96, 128).forEach(n1::add);
    return new Topology(2, List.of(new NumaNode(0, n0, 270_000_000_000L, List.of(10, 20)),
        new NumaNode(1, n1, 270_500_000_000L, List.of(20, 10))),
        CPUS, 64, new Smt(true, "on", 2), "GenuineIntel", "Intel(R) Xeon(R) Gold 6338 CPU @ 2.00GHz", "Ice Lake (Server)",
        null);
  }

  /** Container starts per second at second {@code t}: none for 10 s, then ramping to 8. */
  static int startsPerSecond(int t) {
    return t < 10 ? 0 : Math.min(8, 1 + (t - 10) / 5);
  }

  /** /proc/stat ticks (100 per second per CPU): node 0 busier than node 1 as the storm grows. */
  static CpuTimesSample cpuTimes(int t, int startsPerSecond) {
    long[] busy = new long[CPUS];
    long[] total = new long[CPUS];
    for (int cpu = 0; cpu < CPUS; cpu++) {
      boolean node0 = cpu < 32 || cpu >= 64 && cpu < 96;
      busy[cpu] = (long) t * (10 + startsPerSecond * (node0 ? 10 : 6));
      total[cpu] = t * 100L;
    }
    return new CpuTimesSample(busy, total);
  }

  static List<Sample> samples(int seconds) {
    List<Sample> out = new ArrayList<>();
    Map<String, long[]> counters = new LinkedHashMap<>();
    for (String k : KINDS) {
      counters.put(k, new long[CPUS]);
    }
    long containerd = 0;
    long kubelet = 0;
    long mounts = 2_400;
    long starts = 0;
    long spinSamples = 0;
    long otherSamples = 0;
    for (int t = 0; t < seconds; t++) {
      int perSecond = startsPerSecond(t);
      int perKind = perSecond * 50;
      for (int i = 0; i < perKind; i++) {
        int cpu = (i * 37 + t) % CPUS;
        counters.get("open_tree")[cpu]++;
        counters.get("mount_setattr")[cpu]++;
        counters.get("move_mount")[cpu]++;
        counters.get("umount")[(cpu + 1) % CPUS]++;
      }
      counters.get("mount")[t % CPUS] += perSecond + 2;
      counters.get("umount")[t % CPUS] += 2;
      containerd += perSecond * 201L;
      kubelet += 4;
      starts += perSecond;
      // idmapped temp mounts pile up while starts are slow to clean up
      mounts += perSecond * 12L - (t % 7 == 0 ? 3 : 0);
      spinSamples += perSecond * 180L;
      otherSamples += 400;
      Map<String, long[]> snapshot = new LinkedHashMap<>();
      counters.forEach((k, v) -> snapshot.put(k, v.clone()));
      MountCounters mc = new MountCounters(snapshot, List.of(
          new MountCounters.ProcessCount(1234, "containerd", containerd),
          new MountCounters.ProcessCount(2345, "kubelet", kubelet),
          new MountCounters.ProcessCount(1, "systemd", 10 + t)));
      long idmappedTemps = mounts - 2_400;
      Map<String, Long> byKind = new LinkedHashMap<>();
      byKind.put("idmapped-temp", idmappedTemps);
      byKind.put("pseudo", 1_180L);
      byKind.put("container-rootfs", 610L);
      byKind.put("tmpfs", 420L);
      byKind.put("namespace-pin", 130L);
      byKind.put("disk", 60L);
      Map<String, Long> byFsType = new LinkedHashMap<>();
      byFsType.put("overlay", 610L + idmappedTemps);
      byFsType.put("proc", 640L);
      byFsType.put("tmpfs", 420L);
      byFsType.put("cgroup2", 540L);
      byFsType.put("nsfs", 130L);
      byFsType.put("ext4", 60L);
      List<MountTableSample.Tracked> tracked = new ArrayList<>();
      for (int i = 0; i < Math.min(6, t / 10); i++) {
        tracked.add(new MountTableSample.Tracked(90_000 + i, "/var/lib/containerd/tmpmounts/containerd-mount" + (4000 + i),
            "overlay", "idmapped-temp", T0 + i * 5_000L, true));
      }
      tracked.add(new MountTableSample.Tracked(88_001, "/run/netns/cni-5c1e", "nsfs", "namespace-pin", T0, false));
      MountTableSample table = new MountTableSample(mounts, "listmount", 400_000L + mounts * 45_000L, mounts * 160,
          5_000_000_000L + t * 1_000_000_000L - (t % 3) * 1_000_000_000L, byFsType, byKind,
          List.of(new MountTableSample.Namespace(4026531841L, mounts, 212, "systemd"),
              new MountTableSample.Namespace(4026532201L, 31, 3, "nginx")), tracked);
      LockSample locks = new LockSample(List.of(
          new LockTable.Row("lock_mount+0x3c", "rwsem:W", 40 * starts, 9_000_000L * starts, 30_000_000L + t * 400_000L,
              starts == 0 ? 0 : 9_000_000L / 40),
          new LockTable.Row("namespace_unlock+0x4a", "rwsem:W", 21 * starts, 2_000_000L * starts, 8_000_000L,
              starts == 0 ? 0 : 2_000_000L / 21),
          new LockTable.Row("do_mount_setattr+0x7f", "rwsem:R", 50 * starts, 1_000_000L * starts, 2_000_000L,
              starts == 0 ? 0 : 1_000_000L / 50),
          new LockTable.Row("attach_recursive_mnt+0x2d1", "spinlock", 90 * starts, 400_000L * starts, 90_000L,
              starts == 0 ? 0 : 400_000L / 90)), 0);
      Map<Integer, Map<String, Long>> perCpu = new LinkedHashMap<>();
      perCpu.put(0, Map.of("native_queued_spin_lock_slowpath", spinSamples / 2, "rwsem_down_write_slowpath", spinSamples / 4,
          "osq_lock", spinSamples / 8));
      perCpu.put(64, Map.of("native_queued_spin_lock_slowpath", spinSamples / 4, "intel_idle", otherSamples,
          "copy_page", otherSamples / 10));
      perCpu.put(32, Map.of("namespace_unlock", spinSamples / 8, "intel_idle", otherSamples / 2));
      long total = spinSamples / 2 + spinSamples / 4 + spinSamples / 8 + spinSamples / 4 + otherSamples + otherSamples / 10
          + spinSamples / 8 + otherSamples / 2;
      HotspotSample hot = new HotspotSample(total, perCpu,
          Map.of("entry_SYSCALL_64;do_syscall_64;__x64_sys_open_tree;namespace_lock;rwsem_down_write_slowpath",
              spinSamples / 4), 0);
      long now = T0 + t * 1000L;
      List<StartupsSample.Start> inFlight = new ArrayList<>();
      for (int i = 0; i < Math.min(12, perSecond * 2); i++) {
        long age = Math.max(0, (t - 10 - i) * 1_500L + 800);
        inFlight.add(new StartupsSample.Start("c" + (1000 + t * 10 + i), "k8s.io", "registry.local/app/web:2." + (i % 3),
            i == 11 ? null : 52, "overlayfs", now - age, age > 20_000 ? "created" : "creating", i == 11 ? null : true,
            i == 11 ? null : Math.min(201, age / 150), List.of(40_000 + i)));
      }
      long done = Math.max(0, starts - inFlight.size());
      List<StartupsSample.Finished> recent = new ArrayList<>();
      for (int i = 0; i < Math.min(5, done); i++) {
        recent.add(new StartupsSample.Finished("c" + (900 + t * 10 + i), "k8s.io", "registry.local/app/web:2." + (i % 3), 52,
            i == 3 && t > 40 ? "failed" : "completed", 4_000L + t * 600L + i * 250L, now - i * 300L));
      }
      StartupsSample st = new StartupsSample("containerd", new ContainerdStatus("/run/containerd/containerd.sock",
          ContainerdStatus.CONNECTED, null, T0 - 3_600_000L, "2.0.4", "per-layer", true), inFlight, done, t > 40 ? 2 : 0, 0,
          done == 0 ? StartupsSample.Latency.EMPTY
              : new StartupsSample.Latency(done, 3_000 + t * 400.0, 2_000 + t * 300L, 4_000 + t * 500L, 5_000 + t * 600L,
                  6_000 + t * 700L),
          recent, 10_000, 30_000);
      Map<String, ProbeStatus> probes = new LinkedHashMap<>();
      probes.put("host", ProbeStatus.ok(0));
      probes.put("topology", ProbeStatus.ok(0));
      probes.put("mountActivity", ProbeStatus.ok(3));
      probes.put("mountTable", ProbeStatus.ok(1 + (int) (mounts / 2000)));
      probes.put("locks", ProbeStatus.ok(2));
      probes.put("hotspots", t >= seconds - 3 ? new ProbeStatus(ProbeStatus.STALE, "over its 50 ms budget", 71,
          (t - (seconds - 4)) * 1000L) : ProbeStatus.ok(12));
      probes.put("startups", ProbeStatus.ok(4));
      out.add(new Sample(T0 + t * 1000L, 5_000_000_000L + t * 1_000_000_000L,
          new HostInfo("node-17", "Debian GNU/Linux 12 (bookworm)", 864_000 + t),
          new KernelInfo("6.1.0-18-amd64", "#1 SMP PREEMPT_DYNAMIC Debian 6.1.76-1", "x86_64"),
          topology(), cpuTimes(t, perSecond), mc, table, locks, hot, st,
          List.of(new Sysctl("fs.mount-max", "100000", "mounts per namespace before ENOSPC"),
              new Sysctl("kernel.numa_balancing", "1", "page migration adds to cross-node traffic while locks bounce")),
          new SelfSample(t * 4_000_000L, 71_000_000L, t * 2L, t * 160_000L), probes));
    }
    return out;
  }
}
