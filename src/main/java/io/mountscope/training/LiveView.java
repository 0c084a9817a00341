package io.mountscope.training;

import io.mountscope.model.HotspotFamily;
import io.mountscope.model.Hotspots;
import io.mountscope.model.LockTable;
import io.mountscope.model.Model;
import io.mountscope.model.Verdict;
import io.mountscope.util.Fmt;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What {@code show} prints at a question: the reading the answers are checked against, as the
 * dashboard's panels show it (verdicts, mount syscalls, the storm, lock wait, kernel CPU, spinning
 * per NUMA node). It shows the data, never the answer.
 */
final class LiveView {
  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final int ROWS = 3;

  private LiveView() {}

  static List<String> lines(Reading r) {
    Model m = r.model();
    List<String> out = new ArrayList<>();
    out.add("live data at " + CLOCK.format(Instant.parse(m.time())) + " UTC:");
    if (m.verdicts().isEmpty()) {
      out.add("  verdicts: none");
    }
    for (Verdict v : m.verdicts()) {
      out.add("  verdict: " + v.id() + " (" + v.severity().json() + "), next: " + String.join(", ", v.next()));
    }
    if (m.mountActivity() != null) {
      StringBuilder kinds = new StringBuilder();
      m.mountActivity().rates().forEach((k, v) -> {
        if (v > 0) {
          kinds.append(kinds.length() == 0 ? " (" : ", ").append(String.format(Locale.US, "%s %,.1f/s", k, v));
        }
      });
      out.add(String.format(Locale.US, "  mount syscalls: %,.1f/s in all", m.mountActivity().totalRate())
          + (kinds.length() == 0 ? "" : kinds + ")"));
    }
    Reading.Storm s = r.storm();
    if (s != null) {
      Double worker = LiveNames.mountRate(m, s);
      out.add(String.format(Locale.US, "  storm: %s, %d layers, %d at once: %,.1f starts/s; worker pid %d: %s mount syscalls/s",
          s.pattern(), s.layers(), s.threads(), s.startsPerSecond(), s.workerPid(),
          worker == null ? "n/a" : String.format(Locale.US, "%,.1f", worker)));
    }
    LockTable locks = m.locks();
    if (locks != null) {
      out.add("  lock wait, top callers (total wait since the tracer started):");
      locks.rows().stream().limit(ROWS).forEach(row -> out.add(String.format(Locale.US, "    %d. %s  %s  %.3f s, %,d contended",
          locks.rows().indexOf(row) + 1, row.caller(), row.type(), row.totalWaitNanos() / 1e9, row.contended())));
      if (locks.rows().isEmpty()) {
        out.add("    (no contention seen)");
      }
    } else {
      out.add("  lock wait: " + reason(m, "locks"));
    }
    Hotspots h = m.hotspots();
    if (h != null) {
      out.add("  kernel CPU, top symbols (idle and user space left out):");
      List<Hotspots.Symbol> busy = h.top().stream()
          .filter(x -> x.family() != HotspotFamily.IDLE && x.family() != HotspotFamily.USER).limit(ROWS).toList();
      for (int i = 0; i < busy.size(); i++) {
        Hotspots.Symbol x = busy.get(i);
        out.add(String.format(Locale.US, "    %d. %s  %s  (%s)", i + 1, x.symbol(), Fmt.percent(x.share()),
            x.family().name().toLowerCase(Locale.ROOT)));
      }
      StringBuilder nodes = new StringBuilder("  lock spinning per NUMA node:");
      h.perNode().stream().filter(n -> n.node() >= 0).forEach(n -> nodes.append(String.format(Locale.US, " node%d %s",
          n.node(), Fmt.percent(n.lockSpinShare()))));
      out.add(nodes.toString());
    } else {
      out.add("  kernel CPU: " + reason(m, "hotspots"));
    }
    return out;
  }

  private static String reason(Model m, String part) {
    var st = m.probes() == null ? null : m.probes().get(part);
    return st == null ? "not measured" : st.state() + (st.reason() == null ? "" : ": " + st.reason());
  }
}
