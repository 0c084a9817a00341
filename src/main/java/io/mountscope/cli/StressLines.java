package io.mountscope.cli;

import io.mountscope.stress.Pattern;
import io.mountscope.stress.StressResult;
import io.mountscope.util.Fmt;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The text report of a storm: what ran, how fast, how long a start took, what it cost, what failed. */
final class StressLines {
  private StressLines() {}

  static String render(StressResult r) {
    StringBuilder b = new StringBuilder();
    String layers = r.pattern() == Pattern.BIND ? "" : Fmt.plural(r.layers(), "layer", "layers") + ", ";
    b.append(String.format(Locale.US, "stress %s: %s%s, %s mount namespace%s%s%n", r.pattern(),
        layers, Fmt.plural(r.threads(), "thread", "threads"), r.namespace(),
        r.cpus().isEmpty() ? "" : ", CPUs " + Fmt.cpuList(r.cpus()), r.interrupted() ? " (interrupted)" : ""));
    b.append(String.format(Locale.US, "starts       %d in %.2f s (%d failed; %d warm-up starts before)%n", r.starts(),
        r.seconds(), r.failedStarts(), r.warmupStarts()));
    b.append(String.format(Locale.US, "starts/s     %.1f%n", r.startsPerSecond()));
    b.append(String.format(Locale.US, "latency ms   p50 %.3f  p95 %.3f  p99 %.3f  max %.3f%n", r.latencyMillis().p50(),
        r.latencyMillis().p95(), r.latencyMillis().p99(), r.latencyMillis().max()));
    b.append(String.format(Locale.US, "syscalls     %d (%.0f/s): %s%n", r.syscalls().total(), r.syscallsPerSecond(),
        join(r.syscalls().nonZero())));
    b.append("errors       ").append(r.errors().isEmpty() ? "none" : join(r.errors())
        + (r.firstError() == null ? "" : "; first: " + r.firstError()));
    return b.toString();
  }

  private static String join(Map<String, Long> counts) {
    return counts.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
  }
}
