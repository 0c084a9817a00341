package io.mountscope.cli;

import io.mountscope.model.MountTableSample;
import io.mountscope.probe.mounts.MountsAnalysis;
import io.mountscope.probe.mounts.MountsReport;
import io.mountscope.util.Fmt;
import io.mountscope.util.Json;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Analyses the live mount table or a captured mountinfo file. */
@Command(name = "mounts", mixinStandardHelpOptions = true,
    description = {"Analyse the mount table: size, read cost, mounts by kind and filesystem type, the",
        "places that made most of them, idmapped temporary mounts; for the live table also the",
        "mount namespaces and mounts whose target is gone. --from reads a captured mountinfo file",
        "(what a colleague sends you: cat /proc/1/mountinfo > node.mountinfo)."})
public final class MountsCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--from", paramLabel = "FILE", description = "A captured mountinfo file instead of the live table.")
  Path from;

  @Option(names = "--json", description = "Print the report as JSON (fields in docs/json.md).")
  boolean json;

  @Override
  public Integer call() throws Exception {
    MountsReport r = from == null ? MountsAnalysis.live() : MountsAnalysis.file(from);
    PrintWriter out = spec.commandLine().getOut();
    out.println(json ? Json.pretty(r) : render(r));
    out.flush();
    return 0;
  }

  static String render(MountsReport r) {
    StringBuilder b = new StringBuilder();
    line(b, "source", r.source() + (r.live() ? " (live)" : ""));
    line(b, "mounts", String.format(Locale.US, "%,d in %s, read in %.1f ms, parsed in %.1f ms", r.mounts(),
        Fmt.bytes(r.bytes()), r.readMillis(), r.parseMillis()));
    line(b, "by kind", counts(r.byKind()));
    line(b, "by type", counts(r.byFsType()));
    line(b, "propagation", counts(r.propagation()));
    boolean first = true;
    for (MountsReport.PatternCount p : r.topPatterns()) {
      line(b, first ? "made by" : "", String.format(Locale.US, "%,8d  %s", p.mounts(), p.pattern()));
      first = false;
    }
    if (r.idmappedTemp() > 0) {
      line(b, "idmapped", String.format(Locale.US, "%,d temporary idmapped layer mounts, e.g. %s", r.idmappedTemp(),
          r.idmappedTempExamples().get(0)));
    }
    line(b, "longest", Fmt.bytes(r.longestOptions()) + " of options on one mount");
    if (r.live()) {
      line(b, "namespaces", r.namespaces().size() + " mount namespaces");
      for (MountTableSample.Namespace n : r.namespaces().stream().limit(10).toList()) {
        line(b, "", String.format(Locale.US, "mnt:[%d] %s mounts, %d processes (%s)", n.id(),
            n.mounts() < 0 ? "?" : Long.toString(n.mounts()), n.processes(), n.example()));
      }
      line(b, "gone", r.targetsGone().isEmpty() ? "no mount has lost its target"
          : r.targetsGone().size() + " mounts whose target no longer exists, e.g. " + r.targetsGone().get(0));
    }
    return b.toString().stripTrailing();
  }

  private static String counts(Map<String, Long> m) {
    List<String> parts = new ArrayList<>();
    m.forEach((k, v) -> parts.add(k + " " + v));
    return String.join(", ", parts);
  }

  private static void line(StringBuilder b, String label, String value) {
    b.append(String.format(Locale.US, "%-12s %s%n", label, value));
  }
}
