package io.mountscope.testing;

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
import io.mountscope.model.Risk;
import io.mountscope.model.Sample;
import io.mountscope.model.SelfSample;
import io.mountscope.model.Smt;
import io.mountscope.model.StartupsSample;
import io.mountscope.model.Sysctl;
import io.mountscope.model.Topology;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Samples for the recording tests: one with every part and every field filled (awkward values
 * included: extreme numbers, doubles that print long, text with quotes, control characters and
 * non-ASCII), one with every part missing, and a storm that grows tick by tick.
 */
public final class SampleFixtures {
  public static final long T0 = 1_767_000_000_000L;

  private SampleFixtures() {}

  /** Every part present, every field set. */
  public static Sample full(int t) {
    Map<String, long[]> perCpu = new LinkedHashMap<>();
    perCpu.put("mount", new long[] {3L + t, 0, Long.MAX_VALUE - 7});
    perCpu.put("open_tree", new long[] {50L * t, 49L * t, 0});
    perCpu.put("umount", new long[] {t, 2, 1});
    Map<Integer, Map<String, Long>> cpuSymbols = new LinkedHashMap<>();
    cpuSymbols.put(0, new LinkedHashMap<>(Map.of("native_queued_spin_lock_slowpath", 400L * t + 1)));
    cpuSymbols.put(17, new LinkedHashMap<>(Map.of("rwsem_down_write_slowpath", 90L * t + 1, "[user]", 5L)));
    Map<String, Long> folded = new LinkedHashMap<>();
    folded.put("entry_SYSCALL_64;do_syscall_64;__x64_sys_open_tree;namespace_lock;rwsem_down_write_slowpath", 90L * t + 1);
    folded.put("entry_SYSCALL_64;do_syscall_64;__x64_sys_umount;namespace_unlock;native_queued_spin_lock_slowpath", 400L * t);
    Map<String, Long> byFsType = new LinkedHashMap<>();
    byFsType.put("overlay", 600L + t);
    byFsType.put("fuse.sshfs", 1L);
    Map<String, Long> byKind = new LinkedHashMap<>();
    byKind.put("idmapped-temp", 50L * t);
    byKind.put("container-rootfs", 600L);
    Map<String, ProbeStatus> probes = new LinkedHashMap<>();
    probes.put("host", ProbeStatus.ok(0));
    probes.put("hotspots", new ProbeStatus(ProbeStatus.STALE, "over its 50 ms budget \"again\"", 71, 2000));
    probes.put("locks", new ProbeStatus(ProbeStatus.UNAVAILABLE, "lock:contention_begin missing\nline two", 0, 0));
    return new Sample(T0 + t * 1000L, 5_000_000_000L + t * 1_000_000_000L + 17,
        new HostInfo("node-17 ünïcödé", "Debian GNU/Linux 12 (bookworm)", 864_000 + t),
        new KernelInfo("6.18.44-fc", "#1 SMP PREEMPT_DYNAMIC", "x86_64"),
        new Topology(2, List.of(new NumaNode(0, List.of(0, 2), 270_000_000_000L, List.of(10, 21)),
            new NumaNode(1, List.of(1, 17), 0, List.of(21, 10))), 4, 2, new Smt(false, "notsupported", 1),
            "GenuineIntel", "Intel(R) Xeon(R) Gold 6338 CPU @ 2.00GHz", "Ice Lake (Server)",
            new Risk(Risk.HIGH, List.of("2 sockets", "tab\there"))),
        new CpuTimesSample(new long[] {10L * t, 0, 3, 4}, new long[] {100L * t, 100, 100, Long.MAX_VALUE}),
        new MountCounters(perCpu, List.of(new MountCounters.ProcessCount(1234, "containerd", 201L * t),
            new MountCounters.ProcessCount(1, "systemd", 0)), 5),
        new MountTableSample(2_400 + 12L * t, "listmount", 45_000_123L, 390_000, 4_000_000_000L + t,
            byFsType, byKind, List.of(new MountTableSample.Namespace(4026531841L, 2_400, 212, "systemd"),
                new MountTableSample.Namespace(4026532201L, -1, 3, "sh -c \"x\"")),
            List.of(new MountTableSample.Tracked(90_001, "/var/lib/containerd/tmpmounts/containerd-mount 4000",
                "overlay", "idmapped-temp", T0, true), new MountTableSample.Tracked(88_001, "/run/netns/cni-5c1e",
                "nsfs", "namespace-pin", T0 - 1, false))),
        new LockSample(List.of(new LockTable.Row("lock_mount+0x3c", "rwsem:W", 40L * t, 9_000_000L * t, 30_000_000L, 225_000),
            new LockTable.Row("attach_recursive_mnt+0x2d1", "spinlock", 90, 400_000, 90_000, 4_444)), 3),
        new HotspotSample(490L * t + 7, cpuSymbols, folded, 2),
        new StartupsSample(StartupsSample.SOURCE_CONTAINERD, new ContainerdStatus("/run/containerd/containerd.sock",
            ContainerdStatus.CONNECTED, "was down: connection refused", T0 - 3_600_000L, "2.0.4", "per-layer", false),
            List.of(new StartupsSample.Start("c1001", "k8s.io", "registry.local/app/web:2.1", 52, "overlayfs",
                T0 - 4_500, "creating", true, 201L, List.of(40_000, 40_001))),
            t, 2, 1, new StartupsSample.Latency(t, 0.1 + 0.2, 2_000, 4_000, 5_000, 6_000),
            List.of(new StartupsSample.Finished("c900", "moby", "busybox:latest", 1, "failed", 42, T0 - 300)),
            10_000, 30_000),
        List.of(new Sysctl("fs.mount-max", "100000", "mounts per namespace before ENOSPC"),
            new Sysctl("kernel.numa_balancing", "1", "page migration \u0001 crosses nodes")),
        new SelfSample(4_000_000L * t, 71_000_000L, 2L * t, 160_000L * t), probes, plugins(t));
  }

  /** Plugin parts as plugin probes record them: JSON trees, as a recording reads them back. */
  private static Map<String, com.fasterxml.jackson.databind.JsonNode> plugins(int t) {
    try {
      Map<String, com.fasterxml.jackson.databind.JsonNode> parts = new LinkedHashMap<>();
      parts.put("kubelet", io.mountscope.util.Json.mapper().readTree("{\"url\":\"https://127.0.0.1:10250/metrics\","
          + "\"podStarts\":{\"metric\":\"kubelet_pod_start_duration_seconds\",\"le\":[0.5,5.0,\"+Inf\"],"
          + "\"buckets\":[" + t + "," + (2 * t) + "," + (3 * t) + "],\"sum\":" + (1.5 * t) + ",\"count\":" + (3 * t)
          + "},\"runningPods\":29,\"kubeletVersion\":null}"));
      parts.put("systemd-pressure", io.mountscope.util.Json.mapper().readTree("{\"cpuTicks\":" + (1000 + 60 * t)
          + ",\"mountUnits\":5000,\"mountinfoReadMillis\":3.25}"));
      return parts;
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Every part missing, as a node with no probe running would give. */
  public static Sample empty(int t) {
    return new Sample(T0 + t * 1000L, t * 1_000_000_000L, null, null, null, null, null, null, null, null, null, null,
        null, Map.of("host", new ProbeStatus(ProbeStatus.OFF, null, 0, 0)));
  }

  /** Nulls inside the parts: unknown layers, user namespace, sysctl value, containerd version. */
  public static Sample withNullsInside(int t) {
    Sample f = full(t);
    return new Sample(f.timeMillis(), f.monotonicNanos(), f.host(), f.kernel(), f.topology(), f.cpuTimes(),
        f.mountCounters(), f.mountTable(), f.locks(), f.hotspots(),
        new StartupsSample(StartupsSample.SOURCE_PROCESS_TABLE, new ContainerdStatus("/run/containerd/containerd.sock",
            ContainerdStatus.DOWN, null, 0, null, "unknown", null),
            List.of(new StartupsSample.Start("c2", null, null, null, null, T0, "created", null, null, List.of())),
            0, 0, 0, StartupsSample.Latency.EMPTY, List.of(), 10_000, 30_000),
        List.of(new Sysctl("user.max_user_namespaces", null, "unreadable")), f.self(), f.probes(), f.plugins());
  }

  /** A storm: {@code n} full samples one second apart, counters growing. */
  public static List<Sample> storm(int n) {
    return java.util.stream.IntStream.range(0, n).mapToObj(SampleFixtures::full).toList();
  }
}
