package io.mountscope.probe.perf;

import static org.assertj.core.api.Assertions.assertThat;

import io.mountscope.model.LockSample;
import io.mountscope.model.LockTable.Row;
import io.mountscope.testing.KernelExclusive;
import io.mountscope.testing.MountStorm;
import io.mountscope.testing.Perf;
import io.mountscope.testing.Prerequisites;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The lock table against perf lock contention recorded over the same two-thread bind storm. */
class LockContentionIT {
  // "     28809    313.74 ms      1.13 ms     10.89 us        mutex   namespace_unlock+0x289"
  private static final Pattern ROW = Pattern.compile(
      "^\\s*(\\d+)\\s+([\\d.]+) (ns|us|ms|s)\\s+[\\d.]+ \\w+\\s+[\\d.]+ \\w+\\s+(\\S+)\\s+(\\S+)\\s*$");

  /** perf's rows summed per caller and type (perf keys rows by whole stack, so a caller can repeat). */
  static List<Row> perfRows(String output) {
    Map<String, long[]> sums = new LinkedHashMap<>();
    for (String line : output.split("\n")) {
      Matcher m = ROW.matcher(line);
      if (m.matches()) {
        double scale = switch (m.group(3)) {
          case "ns" -> 1;
          case "us" -> 1e3;
          case "ms" -> 1e6;
          default -> 1e9;
        };
        long[] s = sums.computeIfAbsent(m.group(5) + " " + m.group(4), k -> new long[2]);
        s[0] += Long.parseLong(m.group(1));
        s[1] += (long) (Double.parseDouble(m.group(2)) * scale);
      }
    }
    List<Row> rows = new ArrayList<>();
    sums.forEach((k, s) -> rows.add(new Row(k.split(" ")[0], k.split(" ")[1], s[0], s[1], 0, 0)));
    rows.sort(Comparator.comparingLong(Row::totalWaitNanos).reversed());
    return rows;
  }

  @Test
  @SuppressWarnings("try") // KernelExclusive is held, not used
  void during_a_two_thread_bind_storm_the_top_rows_agree_with_perf_lock_contention() throws Exception {
    Prerequisites.root();
    Path data = Files.createTempFile("mountscope-perf-lock", ".data");
    List<String> args = new ArrayList<>(List.of("lock", "record", "-a", "-o", data.toString(), "--"));
    args.addAll(MountStorm.command("bind", 2, 6000));
    LockSample ours;
    try (KernelExclusive quiet = KernelExclusive.acquire()) {
      try (LockContentionTracer tracer = LockContentionTracer.start();
          Perf.Staged perf = Perf.staged(args.toArray(String[]::new))) {
        perf.go();
        perf.finish(120);
        ours = tracer.stop();
      }
      List<Row> perf = perfRows(Perf.run(120, "lock", "contention", "-i", data.toString(), "-E", "1000").err());
      System.out.println("perf: " + perf.subList(0, Math.min(5, perf.size())) + "\nours: "
          + ours.rows().subList(0, Math.min(5, ours.rows().size())));
      assertThat(perf).as("perf lock contention rows").isNotEmpty();
      assertThat(perf.get(0).caller()).as("perf's top caller").startsWith("namespace_unlock+");
      assertThat(perf.get(0).type()).isEqualTo("mutex");
      // Our tracer's window encloses perf's: a few long waits in its edges (a mountinfo reader
      // stuck in seq_read behind the storm, say) can top a table sorted by total wait. The storm's
      // row is the one with the most contentions in both.
      Row top = ours.rows().stream().max(Comparator.comparingLong(Row::contended)).orElseThrow();
      Row perfTop = perf.stream().max(Comparator.comparingLong(Row::contended)).orElseThrow();
      assertThat(perfTop).as("perf's most contended row").isEqualTo(perf.get(0));
      assertThat(top).as("our most contended row").extracting(Row::caller, Row::type)
          .containsExactly(perfTop.caller(), perfTop.type());
      // The same tracepoint hits feed both tables; only the edges of the windows differ, which
      // matters for rows of a handful of events, not for the storm's rows.
      assertThat(top.contended()).as("contended of the top row (perf %d)", perf.get(0).contended())
          .isBetween((long) (perf.get(0).contended() * 0.97), (long) (perf.get(0).contended() * 1.03) + 5);
      assertThat((double) top.totalWaitNanos()).as("total wait of the top row (perf %d ns)", perf.get(0).totalWaitNanos())
          .isBetween(perf.get(0).totalWaitNanos() * 0.9, perf.get(0).totalWaitNanos() * 1.1);
      for (Row p : perf.subList(0, Math.min(5, perf.size()))) {
        if (p.contended() < 100) {
          continue;
        }
        Row o = ours.rows().stream().filter(r -> r.caller().equals(p.caller()) && r.type().equals(p.type())).findFirst()
            .orElseThrow(() -> new AssertionError("perf's row " + p + " missing from ours: " + ours.rows()));
        // Our tracer's window encloses perf's, so rows fed by other processes (interrupt exits,
        // the machine's other tenants) may gain events in the edges: only a lower bound holds.
        assertThat(o.contended()).as("contended of %s %s (perf %d)", p.caller(), p.type(), p.contended())
            .isGreaterThanOrEqualTo((long) (p.contended() * 0.9));
      }
      assertThat(ours.lostEvents()).isZero();
    } finally {
      Files.deleteIfExists(data);
    }
  }
}
