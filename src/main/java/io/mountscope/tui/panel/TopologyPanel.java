package io.mountscope.tui.panel;

import io.mountscope.model.CpuLoad;
import io.mountscope.model.Hotspots;
import io.mountscope.model.Model;
import io.mountscope.model.NumaNode;
import io.mountscope.model.Risk;
import io.mountscope.model.Topology;
import io.mountscope.util.Fmt;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Packages, NUMA nodes with their CPUs and memory, SMT, CPU model, and the contention risk this
 * hardware carries with its reasons; per node, how busy its CPUs are and how much of them spins
 * on locks (the incident is worst when the spinning spreads over nodes).
 */
public final class TopologyPanel implements Panel {
  /** A node with its load and lock spinning over the last tick (NaN when not collected). */
  record Node(NumaNode node, double load, double spin) {}

  private final TableView<Node> nodes = new TableView<>(
      TableView.Column.label("node", 4, n -> Integer.toString(n.node().id())),
      TableView.Column.text("cpus", n -> Fmt.cpuList(n.node().cpus())),
      TableView.Column.number("memory", 7, n -> n.node().memoryBytes() > 0 ? Units.bytes(n.node().memoryBytes()) : "-",
          Comparator.comparingLong(n -> n.node().memoryBytes())),
      TableView.Column.number("load", 5, n -> Units.share(n.load()), Comparator.comparingDouble(Node::load)),
      TableView.Column.number("spin", 5, n -> Units.share(n.spin()), Comparator.comparingDouble(Node::spin))
          .styled(n -> Double.isNaN(n.spin()) ? Style.DIM : HotspotsPanel.spinStyle(n.spin())));

  @Override
  public PanelId id() {
    return PanelId.TOPOLOGY;
  }

  @Override
  public List<String> sortColumns() {
    return nodes.sortNames();
  }

  @Override
  public List<Line> render(PanelView v, int width, int height) {
    Model m = v.model();
    Topology t = m == null ? null : m.topology();
    if (t == null) {
      return v.notCollected(width, "topology", "topology");
    }
    Glyphs g = v.glyphs();
    List<Line> out = new ArrayList<>();
    String comma = ", ";
    String counts = Fmt.plural(t.packages(), "socket", "sockets") + comma
        + Fmt.plural(t.numaNodes().size(), "node", "nodes") + comma
        + (v.detailed() ? t.physicalCores() + " cores" + comma : "") + t.logicalCpus() + " CPUs" + comma
        + "SMT " + (t.smt() == null ? "?" : t.smt().active() ? "on" : "off");
    boolean roomForModel = v.detailed() || height >= 4 + t.numaNodes().size();
    if (roomForModel) {
      String arch = t.microarchitecture();
      boolean known = arch != null && !arch.isBlank() && !arch.equalsIgnoreCase("unknown");
      out.add(Line.of(shortModel(t) + (known ? g.separator() + arch : ""), Style.BOLD));
    }
    Line countLine = Line.of(counts);
    if (m.cpuLoad() != null && v.detailed()) {
      countLine.add(comma + "busy " + Units.share(m.cpuLoad().busyShare()), Style.DIM);
    }
    out.add(countLine);
    Risk risk = t.risk();
    if (risk == null) {
      out.add(Line.of("risk: not assessed", Style.DIM));
    } else if (v.detailed()) {
      out.add(new Line().add("risk ").add(risk.level().toUpperCase(Locale.ROOT), Style.ofRisk(risk.level())));
      risk.reasons().forEach(r -> out.addAll(Wrap.lines("  - ", r, width, Style.NORMAL)));
    } else {
      out.add(new Line().add("risk ").add(risk.level().toUpperCase(Locale.ROOT), Style.ofRisk(risk.level()))
          .add(risk.reasons().isEmpty() ? "" : ": " + String.join("; ", risk.reasons())));
    }
    List<Node> rows = rows(m, t);
    int room = v.detailed() ? rows.size() + 2 : height - out.size();
    out.addAll(nodes.render(rows, width, room, v.table(), g, true, true));
    if (v.detailed()) {
      perCpu(out, m, t, g, width);
      zoomed(out, t, width);
    }
    return out;
  }

  /** One character per CPU, by node, its height the CPU's busy share over the last tick. */
  private static void perCpu(List<Line> out, Model m, Topology t, Glyphs g, int width) {
    if (m.cpuLoad() == null || m.cpuLoad().perCpu().isEmpty()) {
      return;
    }
    out.add(Line.of(""));
    out.add(Line.of("busy per CPU (0-100%)", Style.TITLE));
    String levels = g.sparkLevels();
    List<Double> perCpu = m.cpuLoad().perCpu();
    for (NumaNode n : t.numaNodes()) {
      StringBuilder b = new StringBuilder();
      for (int cpu : n.cpus()) {
        double busy = cpu < perCpu.size() ? perCpu.get(cpu) : 0;
        b.append(levels.charAt((int) Math.round(Math.max(0, Math.min(1, busy)) * (levels.length() - 1))));
      }
      String label = String.format(Locale.US, "  node%-3d ", n.id());
      String bars = b.toString();
      int room = Math.max(8, width - label.length());
      for (int i = 0; i < bars.length(); i += room) {
        out.add(new Line().add(i == 0 ? label : " ".repeat(label.length()), Style.DIM)
            .add(bars.substring(i, Math.min(bars.length(), i + room)), Style.SPARK));
      }
    }
  }

  private static void zoomed(List<Line> out, Topology t, int width) {
    out.add(Line.of(""));
    // One node's distance table is just "10": it says nothing and costs three rows.
    if (t.numaNodes().size() > 1 && t.numaNodes().stream().anyMatch(n -> !n.distances().isEmpty())) {
      out.add(Line.of("node distances (10 = local)", Style.TITLE));
      for (NumaNode n : t.numaNodes()) {
        StringBuilder b = new StringBuilder(String.format(Locale.US, "  %-4d", n.id()));
        n.distances().forEach(d -> b.append(String.format(Locale.US, " %4d", d)));
        out.add(Line.of(b.toString()));
      }
    }
    out.addAll(Wrap.lines("cpu      ", t.cpuVendor() + " " + t.cpuModel(), width, Style.NORMAL));
    if (t.smt() != null) {
      out.add(Line.of("smt      control " + t.smt().control() + ", " + t.smt().threadsPerCore() + " threads per core"));
    }
  }

  private static List<Node> rows(Model m, Topology t) {
    List<Node> rows = new ArrayList<>();
    for (NumaNode n : t.numaNodes()) {
      double load = Double.NaN;
      if (m.cpuLoad() != null) {
        for (CpuLoad.NodeLoad l : m.cpuLoad().nodes()) {
          if (l.node() == n.id()) {
            load = l.busyShare();
          }
        }
      }
      double spin = Double.NaN;
      if (m.hotspots() != null) {
        for (Hotspots.NodeSpin s : PanelView.orEmpty(m.hotspots().perNode())) {
          if (s.node() == n.id()) {
            spin = s.lockSpinShare();
          }
        }
      }
      rows.add(new Node(n, load, spin));
    }
    return rows;
  }

  /** "Intel(R) Xeon(R) Gold 6338 CPU @ 2.00GHz" -> "Intel Xeon Gold 6338". */
  static String shortModel(Topology t) {
    String m = t.cpuModel() == null ? "unknown CPU" : t.cpuModel();
    m = m.replace("(R)", "").replace("(TM)", "").replace("(tm)", "").replaceAll("\\s+CPU\\s*@.*$", "")
        .replaceAll("\\s+@.*$", "").replaceAll("\\s+", " ").trim();
    return m.isEmpty() ? "unknown CPU" : m;
  }
}
