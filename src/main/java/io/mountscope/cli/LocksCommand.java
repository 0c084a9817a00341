package io.mountscope.cli;

import io.mountscope.kernel.perf.CpuRings;
import io.mountscope.model.LockSample;
import io.mountscope.model.LockTable;
import io.mountscope.probe.perf.LockContentionTracer;
import io.mountscope.util.InputException;
import io.mountscope.util.Json;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Kernel lock contention over a window, per caller and lock type, as perf lock contention prints it. */
@Command(name = "locks", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Trace kernel lock contention on every CPU for --seconds and print, per caller and lock",
        "type, how often it waited and for how long: the table perf lock contention prints, read",
        "directly from the lock:contention_begin/end tracepoints (no perf binary needed).",
        "The caller is the first frame outside the locking code after the slow path's own frames."})
public final class LocksCommand implements Callable<Integer> {
  /** Sort keys, named as perf lock contention's --key names them. */
  enum Key { contended, wait_total, wait_max, avg_wait }

  @Spec
  CommandSpec spec;

  @Mixin
  TraceWindow window;

  @Option(names = {"-E", "--entries"}, paramLabel = "N", defaultValue = "20",
      description = "Rows to print, 0 for all (default: ${DEFAULT-VALUE}).")
  int entries;

  @Option(names = {"-k", "--key"}, paramLabel = "KEY", defaultValue = "wait_total",
      description = "Sort by ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  Key key;

  @Option(names = "--json", description = "Print the table as JSON (docs/json.md).")
  boolean json;

  @Override
  public Integer call() throws Exception {
    long millis = window.millis();
    if (entries < 0) {
      throw new InputException("--entries must be 0 (all) or more, got " + entries);
    }
    LockSample sample;
    int openWaits;
    try (LockContentionTracer tracer = LockContentionTracer.start()) {
      Thread.sleep(millis);
      sample = tracer.stop();
      openWaits = tracer.openWaits();
    }
    List<LockTable.Row> rows = sorted(sample.rows(), key);
    if (entries > 0 && rows.size() > entries) {
      rows = rows.subList(0, entries);
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("seconds", window.seconds());
      doc.put("cpus", CpuRings.onlineCpus().size());
      doc.put("rows", rows);
      doc.put("lostEvents", sample.lostEvents());
      doc.put("openWaits", openWaits);
      out.println(Json.pretty(doc));
    } else {
      out.print(table(rows));
      long contentions = sample.rows().stream().mapToLong(LockTable.Row::contended).sum();
      out.printf(Locale.US, "%n%d contentions in %s s on %d CPUs; %d events lost%s%n", contentions,
          Double.toString(window.seconds()), CpuRings.onlineCpus().size(), sample.lostEvents(),
          openWaits > 0 ? "; " + openWaits + " waits still open at the end (not counted)" : "");
    }
    out.flush();
    return 0;
  }

  static List<LockTable.Row> sorted(List<LockTable.Row> rows, Key key) {
    Comparator<LockTable.Row> c = switch (key) {
      case contended -> Comparator.comparingLong(LockTable.Row::contended);
      case wait_total -> Comparator.comparingLong(LockTable.Row::totalWaitNanos);
      case wait_max -> Comparator.comparingLong(LockTable.Row::maxWaitNanos);
      case avg_wait -> Comparator.comparingLong(LockTable.Row::avgWaitNanos);
    };
    List<LockTable.Row> out = new ArrayList<>(rows);
    out.sort(c.reversed().thenComparing(LockTable.Row::caller));
    return out;
  }

  /** perf lock contention's layout: right-aligned numbers, times with units, then type and caller. */
  static String table(List<LockTable.Row> rows) {
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.US, "%10s %12s %12s %12s %12s   %s%n%n", "contended", "total wait", "max wait",
        "avg wait", "type", "caller"));
    for (LockTable.Row r : rows) {
      b.append(String.format(Locale.US, "%10d %12s %12s %12s %12s   %s%n", r.contended(), time(r.totalWaitNanos()),
          time(r.maxWaitNanos()), time(r.avgWaitNanos()), r.type(), r.caller()));
    }
    return b.toString();
  }

  /** 851 -> "851 ns", 1280 -> "1.28 us", 313740000 -> "313.74 ms", as perf prints wait times. */
  static String time(long nanos) {
    if (nanos < 1_000) {
      return nanos + " ns";
    }
    if (nanos < 1_000_000) {
      return String.format(Locale.US, "%.2f us", nanos / 1e3);
    }
    if (nanos < 1_000_000_000) {
      return String.format(Locale.US, "%.2f ms", nanos / 1e6);
    }
    return String.format(Locale.US, "%.2f s", nanos / 1e9);
  }
}
