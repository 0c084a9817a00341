package io.mountscope.cli;

import io.mountscope.model.ContainerdStatus;
import io.mountscope.model.Startups;
import io.mountscope.model.StartupsSample;
import io.mountscope.util.Fmt;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The human-readable form of container starts: a status line, a summary, one row per start in flight. */
public final class StartupsLines {
  private StartupsLines() {}

  /** Where the starts are seen from and how that connection is. */
  public static String source(Startups s) {
    ContainerdStatus c = s.containerd();
    String where = "containerd" + (c.version() == null ? "" : " " + c.version()) + " at " + c.address();
    if (ContainerdStatus.CONNECTED.equals(c.state())) {
      return where + ": connected; " + idmap(c);
    }
    return where + ": " + c.state() + (c.reason() == null ? "" : " (" + c.reason() + ")")
        + (StartupsSample.SOURCE_PROCESS_TABLE.equals(s.source()) ? "; starts seen from the process table" : "");
  }

  /** Whether this containerd idmaps per layer, in words. */
  public static String idmap(ContainerdStatus c) {
    if (c.idmapPerLayer() == null) {
      return "idmap strategy unknown";
    }
    return c.idmapPerLayer() ? "idmaps every layer of a user-namespaced start (O(layers) mount syscalls)"
        : switch (c.idmap()) {
          case "none" -> "no idmapped mounts (containerd 1.x)";
          default -> "idmaps the layers' common parent once";
        };
  }

  /** "3 in flight (1 stuck over 10s, 0 over 30s); 40 completed, 1 failed; latency p50 2.1s ...". */
  public static String summary(Startups s) {
    StringBuilder b = new StringBuilder();
    b.append(s.inFlight().size()).append(" in flight");
    if (s.stuck().warning() + s.stuck().critical() > 0) {
      b.append(" (").append(s.stuck().warning() + s.stuck().critical()).append(" stuck over ")
          .append(seconds(s.thresholds().warningMillis())).append(", ").append(s.stuck().critical()).append(" over ")
          .append(seconds(s.thresholds().criticalMillis())).append(')');
    }
    b.append("; ").append(s.completed()).append(" completed, ").append(s.failed()).append(" failed");
    if (s.unknown() > 0) {
      b.append(", ").append(s.unknown()).append(" ended unseen");
    }
    StartupsSample.Latency l = s.latency();
    if (l.count() > 0) {
      b.append("; latency p50 ").append(seconds(l.p50Millis())).append(" p90 ").append(seconds(l.p90Millis()))
          .append(" p99 ").append(seconds(l.p99Millis())).append(" max ").append(seconds(l.maxMillis()));
    }
    return b.toString();
  }

  /** The table of starts in flight, oldest first. */
  public static List<String> table(Startups s) {
    List<String> out = new ArrayList<>();
    if (s.inFlight().isEmpty()) {
      return out;
    }
    out.add(String.format(Locale.US, "%8s  %-8s  %-9s  %-12s  %-6s  %-6s  %-6s  %-11s  %s", "AGE", "STUCK", "STATE",
        "NAMESPACE", "LAYERS", "USERNS", "MOUNTS", "SNAPSHOTTER", "ID  IMAGE"));
    for (Startups.InFlight f : s.inFlight()) {
      out.add(String.format(Locale.US, "%8s  %-8s  %-9s  %-12s  %6s  %-6s  %6s  %-11s  %s  %s",
          seconds(f.ageMillis()), f.stuck().equals(Startups.OK) ? "" : f.stuck().toUpperCase(Locale.ROOT),
          f.state(), orDash(f.namespace()), orDash(f.layers()), f.userns() == null ? "-" : f.userns() ? "yes" : "no",
          orDash(f.mountSyscalls()), orDash(f.snapshotter()), f.id(), orDash(f.image())));
    }
    return out;
  }

  /** Everything, for the startups command. */
  public static String render(Startups s) {
    List<String> lines = new ArrayList<>();
    lines.add(source(s));
    lines.add("starts: " + summary(s));
    lines.addAll(table(s));
    return String.join("\n", lines);
  }

  static String seconds(long millis) {
    return millis < 60_000 ? String.format(Locale.US, "%.1fs", millis / 1000.0) : Fmt.duration(millis / 1000);
  }

  private static String orDash(Object o) {
    return o == null || o.toString().isEmpty() ? "-" : o.toString();
  }
}
