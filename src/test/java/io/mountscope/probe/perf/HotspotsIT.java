package io.mountscope.probe.perf;

import static org.assertj.core.api.Assertions.assertThat;

import io.mountscope.model.HotspotSample;
import io.mountscope.testing.KernelExclusive;
import io.mountscope.testing.Launcher;
import io.mountscope.testing.MountStorm;
import io.mountscope.testing.Perf;
import io.mountscope.testing.Prerequisites;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The hottest kernel symbols from our sampler against perf report over the very same window:
 * perf records with CLOCK_MONOTONIC timestamps (our clock), and its report is cut to our window
 * with --time. The two samplers are independent, so shares agree within sampling noise.
 */
class HotspotsIT {
  // "     7.62%            26  [k] _raw_spin_unlock_irqrestore" ([k] kernel, [.] user)
  private static final Pattern ROW = Pattern.compile("^\\s*([\\d.]+)%\\s+(\\d+)\\s+\\[(.)\\]\\s+(\\S+).*$");

  private static String seconds(long monotonicNanos) {
    return String.format(Locale.ROOT, "%d.%09d", monotonicNanos / 1_000_000_000L, monotonicNanos % 1_000_000_000L);
  }

  @Test
  @SuppressWarnings("try") // KernelExclusive is held, not used
  void the_hottest_kernel_symbols_agree_with_perf_report_over_the_same_window() throws Exception {
    Prerequisites.root();
    Path data = Files.createTempFile("mountscope-perf-cpu", ".data");
    HotspotSample ours;
    long from;
    long to;
    Map<String, Double> perf = new LinkedHashMap<>();
    Map<String, Double> perfOverhead = new LinkedHashMap<>();
    long perfSamples = 0;
    try (KernelExclusive quiet = KernelExclusive.acquire()) {
      // perf samples the same way: cpu-clock every 1/99 s of CPU time (-c, a fixed period in ns).
      try (Perf.Staged record = Perf.staged("record", "-a", "-c", Long.toString(1_000_000_000L / 99), "-g", "-e", "cpu-clock",
          "-k", "CLOCK_MONOTONIC",
          "-o", data.toString(), "--", "sleep", "60")) {
        record.go();
        Thread.sleep(1500); // perf samples well before this
        try (CpuSampler sampler = CpuSampler.start(CpuSampler.DEFAULT_HZ)) {
          Launcher.Result storm = Launcher.exec(MountStorm.command("bind", 2, 60_000), Map.of(), 120);
          assertThat(storm.exitCode()).as(storm.err()).isZero();
          ours = sampler.stop();
          from = sampler.startNanos();
          to = sampler.stopNanos();
        }
        record.interrupt();
        record.finish(60);
      }
      String report = Perf.run(120, "report", "-i", data.toString(), "--stdio", "--no-children", "--sort", "sym", "-g",
          "none", "-n", "--percent-limit", "0", "--time", seconds(from) + "," + seconds(to)).out();
      // Shares by sample count, as ours (perf's Overhead column weights by period).
      // (The header's "# Samples: 1K" is rounded, so the total is the sum of the rows.)
      Map<String, Long> kernelSamples = new LinkedHashMap<>();
      for (String line : report.split("\n")) {
        Matcher m = ROW.matcher(line);
        if (m.matches()) {
          perfSamples += Long.parseLong(m.group(2));
          if (m.group(3).equals("k")) {
            kernelSamples.merge(m.group(4), Long.parseLong(m.group(2)), Long::sum);
            perfOverhead.merge(m.group(4), Double.parseDouble(m.group(1)) / 100, Double::sum);
          }
        }
      }
      assertThat(perfSamples).as("perf's samples in the window: " + report).isPositive();
      for (Map.Entry<String, Long> e : kernelSamples.entrySet()) {
        perf.put(e.getKey(), e.getValue() / (double) perfSamples);
      }
    } finally {
      Files.deleteIfExists(data);
    }
    Map<String, Long> self = new HashMap<>();
    ours.cpuSymbolSamples().values().forEach(m -> m.forEach((s, n) -> self.merge(s, n, Long::sum)));
    self.remove(CpuSampler.USER);
    double total = ours.totalSamples();
    String ourTop = self.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    String perfTop = perf.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    System.out.printf("window %.2f s, %d samples; our top %s %.3f; perf top %s %.3f%nperf %s%nperf overhead %s%nours %s%n",
        (to - from) / 1e9, ours.totalSamples(), ourTop, self.get(ourTop) / total, perfTop, perf.get(perfTop), perf,
        perfOverhead, self);

    // 99 a second on a busy CPU; a halted virtual CPU's timer fires late (about half as often here).
    assertThat((double) ours.totalSamples()).as("up to 99 samples a second on every CPU over the window")
        .isBetween((to - from) / 1e9 * 99 * ours.cpuSymbolSamples().size() * 0.4,
            (to - from) / 1e9 * 99 * ours.cpuSymbolSamples().size() * 1.05 + 2);
    assertThat(ours.cpuSymbolSamples().keySet()).as("every online CPU sampled")
        .containsExactlyInAnyOrderElementsOf(io.mountscope.kernel.perf.CpuRings.onlineCpus());
    // Our hottest symbol is one of perf's hottest: tied with perf's top within sampling noise.
    assertThat(perf.getOrDefault(ourTop, 0.0)).as("perf's share of our top symbol %s (perf's top: %s)", ourTop, perfTop)
        .isGreaterThan(perf.get(perfTop) - Math.max(0.04, perf.get(perfTop) * 0.5));
    // Every symbol perf puts at 4% or more is in ours too, with about the same share. Two
    // independent samplers of a few hundred samples each differ by sampling noise (a difference of
    // two binomial shares: within four standard deviations here), and each perturbs what the other
    // sees (interrupt exits, the scheduler's own symbols), so the bound is at least 4 points or half
    // the share; a wrong or missing symbol still fails.
    double perfTotal = perfSamples;
    perf.forEach((sym, share) -> {
      if (share >= 0.04) {
        double mine = self.getOrDefault(sym, 0L) / total;
        double noise = 4 * Math.sqrt(share * (1 - share) * (1 / total + 1 / perfTotal));
        double tolerance = Math.max(Math.max(0.04, share * 0.5), noise);
        assertThat(self.getOrDefault(sym, 0L)).as("our samples in %s (perf %.3f)", sym, share).isPositive();
        assertThat(mine).as("our share of %s (perf %.3f, tolerance %.3f)", sym, share, tolerance)
            .isBetween(share - tolerance, share + tolerance);
      }
    });
  }
}
