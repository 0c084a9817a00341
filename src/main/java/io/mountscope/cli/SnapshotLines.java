package io.mountscope.cli;

import io.mountscope.model.Hotspots;
import io.mountscope.model.LockTable;
import io.mountscope.model.Model;
import io.mountscope.model.MountActivity;
import io.mountscope.model.MountTable;
import io.mountscope.model.NumaNode;
import io.mountscope.model.ProbeStatus;
import io.mountscope.model.Sysctl;
import io.mountscope.model.Topology;
import io.mountscope.model.Verdict;
import io.mountscope.util.Fmt;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The human-readable form of a snapshot: one labelled line per fact, verdicts first. */
public final class SnapshotLines {
  private SnapshotLines() {}

  /** The summary as lines, for the text output and the dashboard. */
  public static List<String> of(Model m) {
    return render(m).lines().toList();
  }

  static String render(Model m) {
    StringBuilder b = new StringBuilder();
    verdicts(b, m.verdicts());
    if (m.host() != null) {
      line(b, "host", m.host().name() + " (" + m.host().os() + "), up " + Fmt.duration(m.host().uptimeSeconds()));
    }
    if (m.kernel() != null) {
      line(b, "kernel", m.kernel().release() + " " + m.kernel().machine());
    }
    topology(b, m);
    if (m.mountActivity() != null) {
      activity(b, m.mountActivity());
    }
    if (m.mountTable() != null) {
      table(b, m.mountTable());
    }
    if (m.locks() != null) {
      locks(b, m.locks());
    }
    if (m.hotspots() != null) {
      hotspots(b, m.hotspots());
    }
    if (m.sysctls() != null) {
      List<String> kv = new ArrayList<>();
      for (Sysctl s : m.sysctls()) {
        if (s.value() != null) {
          kv.add(s.key() + "=" + s.value());
        }
      }
      line(b, "sysctls", String.join(" ", kv));
    }
    if (m.startups() != null) {
      line(b, "starts", StartupsLines.summary(m.startups()));
      line(b, "", StartupsLines.source(m.startups()));
    }
    if (m.probes() != null) {
      m.probes().forEach((probe, st) -> {
        if (ProbeStatus.UNAVAILABLE.equals(st.state())) {
          line(b, probe, "unavailable: " + st.reason());
        }
      });
    }
    if (m.plugins() != null) {
      // A plugin's part as its compact JSON: the plugin's own names (docs/plugins.md).
      m.plugins().forEach((plugin, part) -> line(b, plugin, part.toString()));
    }
    if (m.self() != null) {
      line(b, "self", "cpu " + Fmt.percent(m.self().cpuShare()) + ", rss " + Fmt.bytes(m.self().rssBytes())
          + ", " + m.self().mountSyscalls() + " mount-table syscalls, " + Fmt.bytes(m.self().mountinfoBytesRead())
          + " of mountinfo read");
    }
    probes(b, m.probes());
    return b.toString().stripTrailing();
  }

  private static void verdicts(StringBuilder b, List<Verdict> verdicts) {
    if (verdicts == null || verdicts.isEmpty()) {
      line(b, "verdict", "nothing wrong found");
      return;
    }
    for (Verdict v : verdicts) {
      line(b, v.severity().json().toUpperCase(Locale.ROOT), v.title());
      v.evidence().forEach(e -> line(b, "", "- " + e));
      if (!v.next().isEmpty()) {
        line(b, "", "next: " + String.join(", ", v.next()));
      }
    }
  }

  private static void topology(StringBuilder b, Model m) {
    Topology t = m.topology();
    if (t == null) {
      return;
    }
    line(b, "topology", Fmt.plural(t.packages(), "package", "packages") + ", "
        + Fmt.plural(t.numaNodes().size(), "NUMA node", "NUMA nodes") + ", "
        + Fmt.plural(t.physicalCores(), "core", "cores") + ", "
        + Fmt.plural(t.logicalCpus(), "logical CPU", "logical CPUs") + ", SMT "
        + (t.smt().active() ? "on" : "off") + " (" + t.smt().control() + ")");
    line(b, "cpu", t.cpuVendor() + " " + t.cpuModel() + ", " + t.microarchitecture());
    for (NumaNode n : t.numaNodes()) {
      String load = "";
      if (m.cpuLoad() != null) {
        load = m.cpuLoad().nodes().stream().filter(l -> l.node() == n.id()).findFirst()
            .map(l -> ", busy " + Fmt.percent(l.busyShare())).orElse("");
      }
      line(b, "  node" + n.id(), "cpus " + Fmt.cpuList(n.cpus())
          + (n.memoryBytes() > 0 ? ", " + Fmt.bytes(n.memoryBytes()) : "")
          + (n.distances().isEmpty() ? "" : ", distances " + n.distances()) + load);
    }
    if (t.risk() != null) {
      line(b, "risk", t.risk().level() + ": " + String.join("; ", t.risk().reasons()));
    }
  }

  private static void activity(StringBuilder b, MountActivity a) {
    List<String> kinds = new ArrayList<>();
    a.rates().forEach((k, r) -> kinds.add(k + " " + rate(r)));
    long total = a.counters().values().stream().mapToLong(Long::longValue).sum();
    line(b, "mount/s", rate(a.totalRate()) + " (" + String.join(", ", kinds) + "); " + total
        + " mount syscalls since the probe started");
    List<String> top = new ArrayList<>();
    a.topProcesses().stream().limit(5).forEach(p -> top.add(p.comm() + "[" + p.pid() + "] " + rate(p.rate()) + "/s"));
    if (!top.isEmpty()) {
      line(b, "  top", String.join(", ", top));
    }
  }

  private static void table(StringBuilder b, MountTable t) {
    line(b, "mounts", t.mounts() + " in this namespace (" + t.countedBy() + ")"
        + String.format(Locale.US, ", %+.1f/s, mountinfo read in %.2f ms", t.growthPerSecond(), t.readMillis())
        + " (" + Fmt.bytes(t.bytesRead()) + ")");
    if (!t.byKind().isEmpty()) {
      line(b, "  by kind", counts(t.byKind()));
      line(b, "  by type", counts(t.byFsType()));
    }
    if (t.namespaceCount() > 0) {
      List<String> ns = new ArrayList<>();
      t.namespaces().stream().limit(5).forEach(n -> ns.add(n.example() + " " + (n.mounts() < 0 ? "?" : n.mounts())));
      line(b, "  ns", t.namespaceCount() + " mount namespaces; most mounts: " + String.join(", ", ns));
    }
    if (!t.leaks().isEmpty()) {
      line(b, "  leaks", t.leaks().size() + ", e.g. " + t.leaks().get(0).target() + " (" + t.leaks().get(0).reason() + ")");
    }
  }

  private static void locks(StringBuilder b, LockTable l) {
    line(b, "locks", String.format(Locale.US, "%.2f s waited per second, %s of it on mount locks, %d lost",
        l.waitNanosPerSecond() / 1e9, Fmt.percent(l.mountLockWaitShare()), l.lostEvents()));
    l.rows().stream().limit(3).forEach(r -> line(b, "", String.format(Locale.US, "%-28s %-10s %8d contended, max %.1f ms",
        r.caller(), r.type(), r.contended(), r.maxWaitNanos() / 1e6)));
  }

  private static void hotspots(StringBuilder b, Hotspots h) {
    line(b, "hotspots", Fmt.percent(h.lockSpinShare()) + " spinning on locks, " + Fmt.percent(h.mountLockShare())
        + " in mount-lock paths (" + h.samples() + " samples)");
    h.top().stream().limit(5).forEach(s -> line(b, "", String.format(Locale.US, "%6s  %-40s %s",
        Fmt.percent(s.share()), s.symbol(), s.family().json())));
  }

  private static void probes(StringBuilder b, Map<String, ProbeStatus> probes) {
    if (probes == null) {
      return;
    }
    probes.forEach((name, s) -> {
      if (s.state().equals(ProbeStatus.STALE) || s.state().equals(ProbeStatus.OFF)) {
        line(b, "probe", name + " " + s.state() + (s.reason() == null ? "" : ": " + s.reason()));
      }
    });
  }

  private static String counts(Map<String, Long> m) {
    List<String> parts = new ArrayList<>();
    m.entrySet().stream().limit(8).forEach(e -> parts.add(e.getKey() + " " + e.getValue()));
    return String.join(", ", parts);
  }

  private static String rate(double r) {
    return r >= 10 ? String.format(Locale.US, "%,.0f", r) : String.format(Locale.US, "%.1f", r);
  }

  private static void line(StringBuilder b, String label, String value) {
    b.append(String.format(Locale.US, "%-11s %s%n", label, value));
  }
}
