package io.mountscope.tui.panel;

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
 * hardware carries, with per-node load and lock spinning.
 */
public final class TopologyPanel implements Panel {
  private final TableView<NumaNode> nodes = new TableView<>(
      TableView.Column.label("node", 4, n -> Integer.toString(n.id())),
      TableView.Column.text("cpus", n -> Fmt.cpuList(n.cpus())),
      TableView.Column.number("memory", 7, n -> n.memoryBytes() > 0 ? Units.bytes(n.memoryBytes()) : "-",
          Comparator.comparingLong(NumaNode::memoryBytes)),
      TableView.Column.number("load", 5, n -> "-", Comparator.comparingInt(NumaNode::id)),
      TableView.Column.number("spin", 5, n -> "-", Comparator.comparingInt(NumaNode::id)));

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
    Topology t = v.model() == null ? null : v.model().topology();
    if (t == null) {
      return v.notCollected(width, "topology", "topology");
    }
    Glyphs g = v.glyphs();
    List<Line> out = new ArrayList<>();
    String sep = g.separator();
    String comma = ", ";
    String counts = Fmt.plural(t.packages(), "socket", "sockets") + comma
        + Fmt.plural(t.numaNodes().size(), "node", "nodes") + comma
        + (v.zoomed() ? t.physicalCores() + " cores" + comma : "") + t.logicalCpus() + " CPUs" + comma
        + "SMT " + (t.smt() == null ? "?" : t.smt().active() ? "on" : "off");
    boolean roomForModel = v.zoomed() || height >= 4 + t.numaNodes().size();
    if (roomForModel) {
      String arch = t.microarchitecture();
      boolean known = arch != null && !arch.isBlank() && !arch.equalsIgnoreCase("unknown");
      out.add(Line.of(shortModel(t) + (known ? sep + arch : ""), Style.BOLD));
    }
    out.add(Line.of(counts));
    Risk risk = t.risk();
    if (risk == null) {
      out.add(Line.of("risk: not assessed", Style.DIM));
    } else if (v.zoomed()) {
      out.add(new Line().add("risk ").add(risk.level().toUpperCase(Locale.ROOT), Style.ofRisk(risk.level())));
      risk.reasons().forEach(r -> out.addAll(Wrap.lines("  - ", r, width, Style.NORMAL)));
    } else {
      out.add(new Line().add("risk ").add(risk.level().toUpperCase(Locale.ROOT), Style.ofRisk(risk.level()))
          .add(risk.reasons().isEmpty() ? "" : " " + String.join("; ", risk.reasons())));
    }
    int room = v.zoomed() ? t.numaNodes().size() + 2 : height - out.size();
    out.addAll(nodes.render(t.numaNodes(), width, room, v.table(), g, true, true));
    if (v.zoomed()) {
      out.add(Line.of(""));
      out.add(Line.of("cpu      " + t.cpuVendor() + " " + t.cpuModel()));
      if (t.smt() != null) {
        out.add(Line.of("smt      control " + t.smt().control() + ", " + t.smt().threadsPerCore() + " threads per core"));
      }
    }
    return out;
  }

  /** "Intel(R) Xeon(R) Gold 6338 CPU @ 2.00GHz" -> "Intel Xeon Gold 6338". */
  static String shortModel(Topology t) {
    String m = t.cpuModel() == null ? "unknown CPU" : t.cpuModel();
    m = m.replace("(R)", "").replace("(TM)", "").replace("(tm)", "").replaceAll("\\s+CPU\\s*@.*$", "")
        .replaceAll("\\s+@.*$", "").replaceAll("\\s+", " ").trim();
    return m.isEmpty() ? "unknown CPU" : m;
  }
}
