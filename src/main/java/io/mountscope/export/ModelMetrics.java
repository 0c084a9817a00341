package io.mountscope.export;

import io.mountscope.model.CpuLoad;
import io.mountscope.model.HotspotFamily;
import io.mountscope.model.Hotspots;
import io.mountscope.model.LockTable;
import io.mountscope.model.Model;
import io.mountscope.model.MountActivity;
import io.mountscope.model.MountTable;
import io.mountscope.model.ProbeStatus;
import io.mountscope.model.Risk;
import io.mountscope.model.SelfCost;
import io.mountscope.model.Severity;
import io.mountscope.model.Startups;
import io.mountscope.model.Sysctl;
import io.mountscope.model.Topology;
import io.mountscope.model.Verdict;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A Model as metric families: the names and meanings are the contract of docs/metrics.md. A part
 * the Model does not have (probe not running) has no families; {@code mountscope_probe_up} says so.
 */
public final class ModelMetrics {
  /** Ages (seconds) at which {@code mountscope_starts_in_flight_over_age} counts the starts in flight. */
  static final int[] AGE_THRESHOLDS = {1, 5, 10, 30, 60, 120, 300};

  private final List<MetricFamily> out = new ArrayList<>();

  private ModelMetrics() {}

  /** The families of {@code m}, labelled with this mountscope's {@code version}. */
  public static List<MetricFamily> of(Model m, String version) {
    ModelMetrics x = new ModelMetrics();
    x.node(m, version);
    x.mountActivity(m.mountActivity());
    x.mountTable(m.mountTable());
    x.locks(m.locks());
    x.hotspots(m.hotspots(), m.cpuLoad());
    x.startups(m.startups());
    x.verdicts(m.verdicts());
    x.self(m.self());
    x.sysctls(m.sysctls());
    return List.copyOf(x.out);
  }

  private void add(MetricFamily.Builder b) {
    if (!b.isEmpty()) {
      out.add(b.build());
    }
  }

  private void node(Model m, String version) {
    add(MetricFamily.gauge("mountscope_info", null, "mountscope's version, the node's name and kernel release (always 1)")
        .add(1, "version", version, "host", m.host() == null ? "" : m.host().name(),
            "kernel", m.kernel() == null ? "" : m.kernel().release()));
    add(MetricFamily.gauge("mountscope_sample_timestamp_seconds", "seconds",
        "When the sample behind these values was taken (Unix time)")
        .add(Instant.parse(m.time()).toEpochMilli() / 1000.0));
    MetricFamily.Builder up = MetricFamily.gauge("mountscope_probe_up", null,
        "1 when the probe's part of the sample holds data (ok or stale), 0 when unavailable or off");
    MetricFamily.Builder stale = MetricFamily.gauge("mountscope_probe_stale", null,
        "1 when the probe overran its time budget and its part is its last value");
    MetricFamily.Builder took = MetricFamily.gauge("mountscope_probe_duration_seconds", "seconds",
        "How long the probe's last run took");
    if (m.probes() != null) {
      new TreeMap<>(m.probes()).forEach((probe, s) -> {
        boolean data = ProbeStatus.OK.equals(s.state()) || ProbeStatus.STALE.equals(s.state());
        up.add(data ? 1 : 0, "probe", probe);
        stale.add(ProbeStatus.STALE.equals(s.state()) ? 1 : 0, "probe", probe);
        took.add(s.tookMillis() / 1000.0, "probe", probe);
      });
    }
    add(up);
    add(stale);
    add(took);
    Topology t = m.topology();
    if (t != null) {
      add(MetricFamily.gauge("mountscope_cpu_packages", null, "CPU packages (sockets)").add(t.packages()));
      add(MetricFamily.gauge("mountscope_numa_nodes", null, "NUMA nodes").add(t.numaNodes().size()));
      add(MetricFamily.gauge("mountscope_logical_cpus", null, "Logical CPUs").add(t.logicalCpus()));
      if (t.smt() != null) {
        add(MetricFamily.gauge("mountscope_smt_active", null, "1 when SMT sibling threads are active").add(t.smt().active() ? 1 : 0));
      }
      if (t.risk() != null) {
        MetricFamily.Builder risk = MetricFamily.gauge("mountscope_contention_risk", null,
            "How exposed this hardware is to mount-lock contention: 1 for the level that applies");
        for (String level : List.of(Risk.LOW, Risk.MEDIUM, Risk.HIGH)) {
          risk.add(level.equals(t.risk().level()) ? 1 : 0, "level", level);
        }
        add(risk);
      }
    }
  }

  private void mountActivity(MountActivity a) {
    if (a == null) {
      return;
    }
    MetricFamily.Builder total = MetricFamily.counter("mountscope_mount_syscalls", null,
        "Mount syscalls on the node since the probe started, by kind (exact, from the syscall tracepoints)");
    MetricFamily.Builder rate = MetricFamily.gauge("mountscope_mount_syscalls_per_second", null,
        "Mount syscalls per second over the last tick, by kind");
    new TreeMap<>(a.counters()).forEach((kind, n) -> {
      total.add(n, "kind", kind);
      rate.add(a.rates().getOrDefault(kind, 0.0), "kind", kind);
    });
    add(total);
    add(rate);
    MetricFamily.Builder node = MetricFamily.gauge("mountscope_mount_syscalls_node_per_second", null,
        "Mount syscalls per second over the last tick issued on the CPUs of a NUMA node (-1: CPUs of no known node)");
    a.perNode().forEach(n -> node.add(n.rate(), "node", Integer.toString(n.node())));
    add(node);
    Map<String, Double> byComm = new TreeMap<>();
    a.topProcesses().forEach(p -> byComm.merge(p.comm(), p.rate(), Double::sum));
    MetricFamily.Builder comm = MetricFamily.gauge("mountscope_mount_syscalls_command_per_second", null,
        "Mount syscalls per second over the last tick of the busiest processes, summed by command name");
    byComm.forEach((c, r) -> comm.add(r, "comm", c));
    add(comm);
  }

  private void mountTable(MountTable t) {
    if (t == null) {
      return;
    }
    add(MetricFamily.gauge("mountscope_mount_table_mounts", null, "Mounts in mountscope's mount namespace").add(t.mounts()));
    add(MetricFamily.gauge("mountscope_mount_table_growth_per_second", null, "Change of the mount count per second")
        .add(t.growthPerSecond()));
    add(MetricFamily.gauge("mountscope_mount_table_read_seconds", "seconds",
        "How long the kernel took to hand over /proc/self/mountinfo at the last full read").add(t.readMillis() / 1000));
    add(MetricFamily.gauge("mountscope_mount_table_size_bytes", "bytes", "Size of mountinfo at the last full read")
        .add(t.bytesRead()));
    add(MetricFamily.gauge("mountscope_mount_table_detail_age_seconds", "seconds",
        "Age of the last full read behind the read time, breakdowns and leaks").add(t.detailAgeSeconds()));
    MetricFamily.Builder kind = MetricFamily.gauge("mountscope_mount_table_kind_mounts", null,
        "Mounts by what made them (idmapped-temp, container-rootfs, overlay, bind, tmpfs, ...)");
    new TreeMap<>(t.byKind()).forEach((k, n) -> kind.add(n, "kind", k));
    add(kind);
    MetricFamily.Builder fs = MetricFamily.gauge("mountscope_mount_table_fstype_mounts", null, "Mounts by filesystem type");
    new TreeMap<>(t.byFsType()).forEach((k, n) -> fs.add(n, "fstype", k));
    add(fs);
    add(MetricFamily.gauge("mountscope_mount_namespaces", null, "Distinct mount namespaces of the node's processes")
        .add(t.namespaceCount()));
    MetricFamily.Builder leaks = MetricFamily.gauge("mountscope_mount_leaks", null,
        "Mounts that should be gone: idmapped temporary mounts older than 60 s, mounts whose target is gone");
    for (String reason : List.of(MountTable.Leak.IDMAPPED_TEMP_OLD, MountTable.Leak.TARGET_GONE)) {
      leaks.add(t.leaks().stream().filter(l -> reason.equals(l.reason())).count(), "reason", reason);
    }
    add(leaks);
  }

  /** The lock family of a contention row: mount-lock for the mount-lock callers, else its lock type. */
  static String lockFamily(LockTable.Row r) {
    if (HotspotFamily.isMountLockFrame(r.caller())) {
      return HotspotFamily.MOUNT_LOCK.json();
    }
    String type = r.type() == null ? "" : r.type().toLowerCase(Locale.ROOT);
    int colon = type.indexOf(':');
    String base = (colon >= 0 ? type.substring(0, colon) : type).trim();
    return base.isEmpty() ? "unknown" : base;
  }

  private void locks(LockTable l) {
    if (l == null) {
      return;
    }
    Map<String, long[]> byFamily = new TreeMap<>(); // family -> {wait ns, contended, max wait ns}
    for (LockTable.Row r : l.rows()) {
      long[] f = byFamily.computeIfAbsent(lockFamily(r), k -> new long[3]);
      f[0] += r.totalWaitNanos();
      f[1] += r.contended();
      f[2] = Math.max(f[2], r.maxWaitNanos());
    }
    MetricFamily.Builder wait = MetricFamily.counter("mountscope_lock_wait_seconds", "seconds",
        "Time threads waited on contended kernel locks since the tracer started, by lock family");
    MetricFamily.Builder contended = MetricFamily.counter("mountscope_lock_contended", null,
        "Contended acquisitions of kernel locks since the tracer started, by lock family");
    MetricFamily.Builder max = MetricFamily.gauge("mountscope_lock_max_wait_seconds", "seconds",
        "Longest single wait on a contended kernel lock since the tracer started, by lock family");
    byFamily.forEach((family, f) -> {
      wait.add(f[0] / 1e9, "family", family);
      contended.add(f[1], "family", family);
      max.add(f[2] / 1e9, "family", family);
    });
    add(wait);
    add(contended);
    add(max);
    add(MetricFamily.gauge("mountscope_lock_waiting_threads", null,
        "Threads waiting on contended kernel locks, on average over the last tick (wait seconds per second)")
        .add(l.waitNanosPerSecond() / 1e9));
    add(MetricFamily.gauge("mountscope_lock_mount_wait_ratio", null,
        "Share of the last tick's lock wait spent in the mount-lock callers").add(l.mountLockWaitShare()));
    add(MetricFamily.counter("mountscope_lock_lost_events", null, "Lock tracepoint records the ring buffers lost")
        .add(l.lostEvents()));
  }

  private void hotspots(Hotspots h, CpuLoad load) {
    if (load != null) {
      add(MetricFamily.gauge("mountscope_cpu_busy_ratio", null, "Share of all CPUs busy over the last tick").add(load.busyShare()));
      MetricFamily.Builder node = MetricFamily.gauge("mountscope_cpu_node_busy_ratio", null,
          "Share of a NUMA node's CPUs busy over the last tick");
      load.nodes().forEach(n -> node.add(n.busyShare(), "node", Integer.toString(n.node())));
      add(node);
    }
    if (h == null) {
      return;
    }
    add(MetricFamily.gauge("mountscope_lock_spin_ratio", null,
        "Share of sampled CPU time spinning on kernel locks over the last tick (lock-spin share)").add(h.lockSpinShare()));
    add(MetricFamily.gauge("mountscope_mount_lock_cpu_ratio", null,
        "Share of sampled CPU time in stacks through the mount-lock paths over the last tick").add(h.mountLockShare()));
    MetricFamily.Builder fam = MetricFamily.gauge("mountscope_hotspot_family_ratio", null,
        "Share of sampled CPU time by the family of the sampled kernel symbol over the last tick");
    h.families().stream().sorted((a, b) -> a.family().json().compareTo(b.family().json()))
        .forEach(f -> fam.add(f.share(), "family", f.family().json()));
    add(fam);
    MetricFamily.Builder node = MetricFamily.gauge("mountscope_lock_spin_node_ratio", null,
        "Share of a NUMA node's sampled CPU time spinning on kernel locks over the last tick");
    h.perNode().forEach(n -> node.add(n.lockSpinShare(), "node", Integer.toString(n.node())));
    add(node);
    add(MetricFamily.gauge("mountscope_hotspot_samples", null, "CPU samples taken over the last tick").add(h.samples()));
    add(MetricFamily.gauge("mountscope_hotspot_lost_samples", null, "CPU samples the ring buffers lost over the last tick")
        .add(h.lostSamples()));
  }

  private void startups(Startups s) {
    if (s == null) {
      return;
    }
    MetricFamily.Builder inFlight = MetricFamily.gauge("mountscope_starts_in_flight", null,
        "Container starts in flight, by state (creating: rootfs, shim, runtime create; created: waiting for its start)");
    for (String state : List.of("creating", "created")) {
      inFlight.add(s.inFlight().stream().filter(f -> state.equals(f.state())).count(), "state", state);
    }
    add(inFlight);
    add(MetricFamily.gauge("mountscope_starts_stuck", null, "Starts in flight past the warning or critical age")
        .add(s.stuck().warning(), "level", "warning").add(s.stuck().critical(), "level", "critical"));
    add(MetricFamily.gauge("mountscope_start_oldest_age_seconds", "seconds", "Age of the oldest start in flight (0: none)")
        .add(s.inFlight().stream().mapToLong(Startups.InFlight::ageMillis).max().orElse(0) / 1000.0));
    MetricFamily.Builder over = MetricFamily.gauge("mountscope_starts_in_flight_over_age", null,
        "Starts in flight for at least this many seconds");
    for (int a : AGE_THRESHOLDS) {
      over.add(s.inFlight().stream().filter(f -> f.ageMillis() >= a * 1000L).count(), "seconds", Integer.toString(a));
    }
    add(over);
    add(MetricFamily.counter("mountscope_starts_completed", null, "Starts that completed since the probe started")
        .add(s.completed()));
    add(MetricFamily.counter("mountscope_starts_failed", null, "Starts that failed since the probe started").add(s.failed()));
    add(MetricFamily.counter("mountscope_starts_unknown", null, "Starts that ended without evidence of how")
        .add(s.unknown()));
    var lat = s.latency();
    if (lat != null) {
      add(MetricFamily.summary("mountscope_start_latency_seconds", "seconds",
          "Latency of completed starts since the probe started, from container create to task start")
          .addWithSuffix("", lat.p50Millis() / 1000.0, "quantile", "0.5")
          .addWithSuffix("", lat.p90Millis() / 1000.0, "quantile", "0.9")
          .addWithSuffix("", lat.p99Millis() / 1000.0, "quantile", "0.99")
          .addWithSuffix("_sum", lat.meanMillis() * lat.count() / 1000.0)
          .addWithSuffix("_count", lat.count()));
    }
    if (s.containerd() != null) {
      add(MetricFamily.gauge("mountscope_containerd_up", null, "1 while containerd's event stream is connected")
          .add("connected".equals(s.containerd().state()) ? 1 : 0));
      if (s.containerd().idmapPerLayer() != null) {
        add(MetricFamily.gauge("mountscope_containerd_idmap_per_layer", null,
            "1 when this containerd idmaps every layer of a user-namespaced start (before containerd PR #12092)")
            .add(s.containerd().idmapPerLayer() ? 1 : 0));
      }
    }
  }

  private void verdicts(List<Verdict> verdicts) {
    List<Verdict> all = verdicts == null ? List.of() : verdicts;
    MetricFamily.Builder count = MetricFamily.gauge("mountscope_verdicts", null, "Verdicts of the diagnosis by severity");
    for (Severity sev : Severity.values()) {
      count.add(all.stream().filter(v -> v.severity() == sev).count(), "severity", sev.json());
    }
    add(count);
    MetricFamily.Builder each = MetricFamily.gauge("mountscope_verdict", null,
        "1 for each verdict the diagnosis gives now, by id and severity");
    // One series per id and severity, even if a rule gave the same verdict twice: a duplicate fails the scrape.
    new java.util.LinkedHashSet<>(all.stream().map(v -> List.of(v.id(), v.severity() == null ? "" : v.severity().json()))
        .toList()).forEach(k -> each.add(1, "id", k.get(0), "severity", k.get(1)));
    add(each);
  }

  private void self(SelfCost c) {
    if (c == null) {
      return;
    }
    add(MetricFamily.gauge("mountscope_self_cpu_ratio", null, "mountscope's own CPU use over the last tick, share of one CPU")
        .add(c.cpuShare()));
    add(MetricFamily.gauge("mountscope_self_resident_memory_bytes", "bytes", "mountscope's own resident memory")
        .add(c.rssBytes()));
    add(MetricFamily.counter("mountscope_self_mount_syscalls", null,
        "Mount-table syscalls mountscope itself issued (listmount, statmount, its own mounts)").add(c.mountSyscalls()));
    add(MetricFamily.counter("mountscope_self_mountinfo_read_bytes", "bytes", "Bytes of mountinfo mountscope itself read")
        .add(c.mountinfoBytesRead()));
  }

  private void sysctls(List<Sysctl> sysctls) {
    if (sysctls == null) {
      return;
    }
    MetricFamily.Builder b = MetricFamily.gauge("mountscope_sysctl", null,
        "Kernel settings that bear on mount-lock contention, where their value is one number");
    new TreeMap<String, Sysctl>(sysctls.stream().collect(java.util.stream.Collectors.toMap(Sysctl::key, s -> s, (a, x) -> a)))
        .forEach((key, s) -> {
          Double v = number(s.value());
          if (v != null) {
            b.add(v, "key", key);
          }
        });
    add(b);
  }

  private static Double number(String s) {
    if (s == null) {
      return null;
    }
    try {
      return Double.parseDouble(s.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
