package io.mountscope.cli;

import io.mountscope.model.Model;
import io.mountscope.model.NumaNode;
import io.mountscope.model.ProbeStatus;
import io.mountscope.model.Topology;
import io.mountscope.util.Fmt;
import java.util.Locale;

/** The human-readable form of a snapshot. */
public final class SnapshotLines {
  private SnapshotLines() {}

  /** The summary as lines, for the text output and the dashboard. */
  public static java.util.List<String> of(Model m) {
    return render(m).lines().toList();
  }

  static String render(Model m) {
    StringBuilder b = new StringBuilder();
    if (m.host() != null) {
      line(b, "host", m.host().name() + " (" + m.host().os() + "), up " + Fmt.duration(m.host().uptimeSeconds()));
    }
    if (m.kernel() != null) {
      line(b, "kernel", m.kernel().release() + " " + m.kernel().machine());
    }
    Topology t = m.topology();
    if (t != null) {
      line(b, "topology", Fmt.plural(t.packages(), "package", "packages") + ", "
          + Fmt.plural(t.numaNodes().size(), "NUMA node", "NUMA nodes") + ", "
          + Fmt.plural(t.physicalCores(), "core", "cores") + ", "
          + Fmt.plural(t.logicalCpus(), "logical CPU", "logical CPUs") + ", SMT "
          + (t.smt().active() ? "on" : "off") + " (" + t.smt().control() + ")");
      line(b, "cpu", t.cpuVendor() + " " + t.cpuModel() + ", " + t.microarchitecture());
      for (NumaNode n : t.numaNodes()) {
        line(b, "  node" + n.id(), "cpus " + Fmt.cpuList(n.cpus())
            + (n.memoryBytes() > 0 ? ", " + Fmt.bytes(n.memoryBytes()) : ""));
      }
      if (t.risk() != null) {
        line(b, "risk", t.risk().level() + ": " + String.join("; ", t.risk().reasons()));
      }
    }
    if (m.mountTable() != null) {
      line(b, "mounts", m.mountTable().mounts() + " in this namespace, mountinfo read in "
          + String.format(Locale.ROOT, "%.2f ms", m.mountTable().readMillis())
          + " (" + Fmt.bytes(m.mountTable().bytesRead()) + ")");
    }
    if (m.mountActivity() != null && m.mountActivity().counters() != null) {
      StringBuilder calls = new StringBuilder();
      m.mountActivity().counters().forEach((kind, n) -> calls.append(calls.length() == 0 ? "" : ", ").append(kind).append(' ').append(n));
      line(b, "mount calls", calls + " since the probe started");
    }
    if (m.locks() != null && !m.locks().rows().isEmpty()) {
      var top = m.locks().rows().get(0);
      line(b, "top lock", top.caller() + " (" + top.type() + "): " + top.contended() + " waits, "
          + String.format(Locale.ROOT, "%.2f ms", top.totalWaitNanos() / 1e6) + " in total");
    }
    if (m.hotspots() != null && !m.hotspots().top().isEmpty()) {
      var top = m.hotspots().top().get(0);
      line(b, "hottest", top.symbol() + " " + Fmt.percent(top.share()) + " of CPU samples");
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
    if (m.self() != null) {
      line(b, "self", "cpu " + Fmt.percent(m.self().cpuShare()) + ", rss " + Fmt.bytes(m.self().rssBytes()));
    }
    return b.toString().stripTrailing();
  }

  private static void line(StringBuilder b, String label, String value) {
    b.append(String.format(Locale.ROOT, "%-11s %s%n", label, value));
  }
}
