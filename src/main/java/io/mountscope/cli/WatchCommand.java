package io.mountscope.cli;

import io.mountscope.diagnose.Diagnosis;
import io.mountscope.model.Model;
import io.mountscope.model.Sample;
import io.mountscope.model.Verdict;
import io.mountscope.probe.Sampler;
import io.mountscope.util.Fmt;
import io.mountscope.util.InputException;
import io.mountscope.util.Json;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The model every interval: one line of text, or one JSON object per line, until --count or Ctrl-C. */
@Command(name = "watch", mixinStandardHelpOptions = true,
    description = {"Sample the node every --interval seconds and print each model: a summary line,",
        "or with --json one JSON object per line (the snapshot --json fields). A first sample is",
        "taken as the baseline, so every printed line has rates."})
public final class WatchCommand implements Callable<Integer> {
  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

  @Spec
  CommandSpec spec;

  @Option(names = "--json", description = "One JSON object per line (JSON lines).")
  boolean json;

  @Option(names = "--interval", paramLabel = "SECONDS", defaultValue = "1",
      description = "Seconds between samples, 0.1 to 3600 (default: ${DEFAULT-VALUE}).")
  double interval;

  @Option(names = "--count", paramLabel = "N", defaultValue = "0",
      description = "Stop after N lines (default: run until interrupted).")
  long count;

  @Override
  public Integer call() throws Exception {
    if (!(interval >= 0.1 && interval <= 3600)) {
      throw new InputException("--interval must be between 0.1 and 3600 seconds, got " + interval);
    }
    if (count < 0) {
      throw new InputException("--count must be 0 (no limit) or more, got " + count);
    }
    PrintWriter out = spec.commandLine().getOut();
    long periodNanos = (long) (interval * 1e9);
    try (Sampler sampler = new Sampler()) {
      Sample previous = sampler.sample();
      long next = System.nanoTime() + periodNanos;
      for (long printed = 0; count == 0 || printed < count; printed++) {
        long wait = next - System.nanoTime();
        if (wait > 0) {
          Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
        next += periodNanos;
        Sample now = sampler.sample();
        Model m = Diagnosis.derive(now, previous);
        previous = now;
        out.println(json ? Json.line(m) : summary(m));
        out.flush();
        if (out.checkError()) {
          return 0; // the reader went away (| head)
        }
      }
    }
    return 0;
  }

  /** One line per tick: time, mount rate, table, locks, hotspots, top verdict. */
  static String summary(Model m) {
    StringBuilder b = new StringBuilder(CLOCK.format(Instant.parse(m.time())));
    if (m.mountActivity() != null) {
      b.append(String.format(Locale.US, "  mount syscalls %,.0f/s", m.mountActivity().totalRate()));
    }
    if (m.mountTable() != null) {
      b.append(String.format(Locale.US, "  mounts %d (%+.0f/s) read %.1f ms", m.mountTable().mounts(),
          m.mountTable().growthPerSecond(), m.mountTable().readMillis()));
    }
    if (m.hotspots() != null) {
      b.append("  lock spin ").append(Fmt.percent(m.hotspots().lockSpinShare()));
    }
    if (m.cpuLoad() != null) {
      b.append("  cpu ").append(Fmt.percent(m.cpuLoad().busyShare()));
    }
    if (m.self() != null) {
      b.append("  self ").append(Fmt.percent(m.self().cpuShare()));
    }
    if (m.verdicts().isEmpty()) {
      b.append("  ok");
    } else {
      Verdict v = m.verdicts().get(0);
      b.append("  ").append(v.severity().json().toUpperCase(Locale.ROOT)).append(": ").append(v.title());
      if (m.verdicts().size() > 1) {
        b.append(" (+").append(m.verdicts().size() - 1).append(" more)");
      }
    }
    return b.toString();
  }
}
