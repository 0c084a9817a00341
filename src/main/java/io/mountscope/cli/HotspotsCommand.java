package io.mountscope.cli;

import io.mountscope.export.FoldedStacks;
import io.mountscope.model.HotspotSample;
import io.mountscope.probe.HostReader;
import io.mountscope.probe.perf.CpuSampler;
import io.mountscope.util.Fmt;
import io.mountscope.util.InputException;
import io.mountscope.util.Json;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The kernel symbols the CPUs spend their time in, from cpu-clock samples with kernel callchains. */
@Command(name = "hotspots", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Sample every CPU for --seconds (cpu-clock, 99 Hz by default, kernel",
        "callchains) and print the top kernel symbols: self (the sample was in the",
        "symbol) and total (the symbol was on the stack), as shares of all samples.",
        "Samples taken in user space count as [user]. --flamegraph writes the",
        "sampled stacks as one HTML page, --folded as collapsed stacks."})
public final class HotspotsCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  TraceWindow window;

  @Option(names = {"-F", "--frequency"}, paramLabel = "HZ", defaultValue = "99",
      description = "Samples per second per CPU (default: ${DEFAULT-VALUE}).")
  int frequency;

  @Option(names = "--top", paramLabel = "N", defaultValue = "25",
      description = "Symbols to print, 0 for all (default: ${DEFAULT-VALUE}).")
  int top;

  @Option(names = "--json", description = "Print the symbols as JSON (docs/json.md).")
  boolean json;

  @Mixin
  FlameGraphOptions flame;

  /** A symbol's samples: where it was the leaf (self), and where it was anywhere on the stack (total). */
  public record Row(String symbol, long self, double selfShare, long total, double totalShare) {}

  @Override
  public Integer call() throws Exception {
    long millis = window.millis();
    if (frequency < 1 || frequency > 10_000) {
      throw new InputException("--frequency must be 1 to 10000 Hz, got " + frequency);
    }
    if (top < 0) {
      throw new InputException("--top must be 0 (all) or more, got " + top);
    }
    HotspotSample sample;
    int cpus;
    try (CpuSampler sampler = CpuSampler.start(frequency)) {
      Thread.sleep(millis);
      sample = sampler.stop();
      cpus = sampler.cpus();
    }
    if (flame.any()) {
      flame.write(new FoldedStacks(sample.foldedStacks()), "mountscope hotspots on " + HostReader.host().name(),
          String.format(Locale.US, "%s s at %d Hz on %d CPUs, %s", Double.toString(window.seconds()), frequency, cpus,
              java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)), spec.commandLine().getErr());
    }
    List<Row> rows = rank(sample);
    long user = rows.stream().filter(r -> r.symbol().equals(CpuSampler.USER)).mapToLong(Row::self).sum();
    if (top > 0 && rows.size() > top) {
      rows = rows.subList(0, top);
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("seconds", window.seconds());
      doc.put("frequencyHz", frequency);
      doc.put("cpus", cpus);
      doc.put("samples", sample.totalSamples());
      doc.put("userSamples", user);
      doc.put("lostSamples", sample.lostSamples());
      doc.put("top", rows);
      out.println(Json.pretty(doc));
    } else {
      out.printf(Locale.US, "%d samples at %d Hz on %d CPUs over %s s (%d lost); %s in user space%n%n",
          sample.totalSamples(), frequency, cpus, Double.toString(window.seconds()), sample.lostSamples(),
          Fmt.percent(sample.totalSamples() == 0 ? 0 : (double) user / sample.totalSamples()));
      out.printf(Locale.US, "%7s %7s %8s  %s%n", "self", "total", "samples", "symbol");
      for (Row r : rows) {
        out.printf(Locale.US, "%7s %7s %8d  %s%n", Fmt.percent(r.selfShare()), Fmt.percent(r.totalShare()), r.self(),
            r.symbol());
      }
    }
    out.flush();
    return 0;
  }

  /** Every symbol seen, by self samples (then total); totals count a symbol once per stack. */
  public static List<Row> rank(HotspotSample s) {
    Map<String, Long> self = new HashMap<>();
    s.cpuSymbolSamples().values().forEach(m -> m.forEach((sym, n) -> self.merge(sym, n, Long::sum)));
    Map<String, Long> total = new HashMap<>();
    Set<String> onStack = new HashSet<>();
    s.foldedStacks().forEach((stack, n) -> {
      onStack.clear();
      for (String frame : stack.split(";")) {
        if (onStack.add(frame)) {
          total.merge(frame, n, Long::sum);
        }
      }
    });
    double all = Math.max(1, s.totalSamples());
    List<Row> rows = new ArrayList<>();
    Set<String> symbols = new HashSet<>(self.keySet());
    symbols.addAll(total.keySet());
    symbols.remove("[more stacks]");
    for (String sym : symbols) {
      long sf = self.getOrDefault(sym, 0L);
      long tt = Math.max(sf, total.getOrDefault(sym, 0L));
      rows.add(new Row(sym, sf, sf / all, tt, tt / all));
    }
    rows.sort(Comparator.comparingLong(Row::self).reversed().thenComparing(Comparator.comparingLong(Row::total).reversed())
        .thenComparing(Row::symbol));
    return rows;
  }
}
