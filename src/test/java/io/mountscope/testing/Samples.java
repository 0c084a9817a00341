package io.mountscope.testing;

import io.mountscope.model.CpuTimesSample;
import io.mountscope.model.HostInfo;
import io.mountscope.model.HotspotSample;
import io.mountscope.model.KernelInfo;
import io.mountscope.model.LockSample;
import io.mountscope.model.MountCounters;
import io.mountscope.model.MountTableSample;
import io.mountscope.model.NumaNode;
import io.mountscope.model.Sample;
import io.mountscope.model.SelfSample;
import io.mountscope.model.Smt;
import io.mountscope.model.StartupsSample;
import io.mountscope.model.Sysctl;
import io.mountscope.model.Topology;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Builds Samples for derivation and diagnosis tests: one field changed at a time from a quiet tick. */
public final class Samples {
  private Samples() {}

  /** Two sockets, one NUMA node each, CPUs 0-3 on node 0 and 4-7 on node 1, SMT on. */
  public static Topology twoNodes() {
    return new Topology(2, List.of(new NumaNode(0, List.of(0, 1, 2, 3), 64L << 30, List.of(10, 21)),
        new NumaNode(1, List.of(4, 5, 6, 7), 64L << 30, List.of(21, 10))), 8, 4, new Smt(true, "on", 2),
        "GenuineIntel", "Intel(R) Xeon(R) Gold 6248 CPU @ 2.50GHz", "Cascade Lake", null);
  }

  /** One node, CPUs 0-1, no SMT. */
  public static Topology oneNode() {
    return new Topology(1, List.of(new NumaNode(0, List.of(0, 1), 4L << 30, List.of(10))), 2, 2,
        new Smt(false, "notsupported", 1), "GenuineIntel", "Intel(R) Xeon(R) Processor", "Emerald Rapids", null);
  }

  /** A mutable tick that {@link #build()} turns into a Sample. */
  public static final class Tick {
    public long timeMillis = 1_700_000_000_000L;
    public long monotonicNanos;
    public Topology topology = oneNode();
    public CpuTimesSample cpuTimes;
    public MountCounters mountCounters;
    public MountTableSample mountTable = new MountTableSample(30, 200_000, 3000);
    public LockSample locks;
    public HotspotSample hotspots;
    public StartupsSample startups;
    public List<Sysctl> sysctls = new ArrayList<>(List.of(new Sysctl("fs.mount-max", "100000", ""),
        new Sysctl("kernel.numa_balancing", "0", ""), new Sysctl("user.max_user_namespaces", "96551", "")));
    public SelfSample self = new SelfSample(0, 60L << 20, 0, 0);

    public Tick at(double seconds) {
      monotonicNanos = (long) (seconds * 1e9);
      timeMillis = 1_700_000_000_000L + (long) (seconds * 1000);
      return this;
    }

    public Sample build() {
      return new Sample(timeMillis, monotonicNanos, new HostInfo("node-a", "Debian GNU/Linux 12", 1000),
          new KernelInfo("6.18.44", "#1 SMP", "x86_64"), topology, cpuTimes, mountCounters, mountTable, locks, hotspots,
          startups, List.copyOf(sysctls), self, Map.of());
    }
  }

  /** Per-CPU counts for one syscall kind on {@code cpus} CPUs, {@code each} on every CPU listed. */
  public static long[] onCpus(int cpus, long each, int... which) {
    long[] a = new long[cpus];
    for (int c : which) {
      a[c] = each;
    }
    return a;
  }
}
