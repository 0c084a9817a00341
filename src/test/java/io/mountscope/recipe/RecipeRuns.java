package io.mountscope.recipe;

import com.fasterxml.jackson.databind.JsonNode;
import io.mountscope.journal.ChangeJournal;
import io.mountscope.journal.JournalEntry;
import io.mountscope.testing.Launcher;
import io.mountscope.testing.TestDirs;
import io.mountscope.util.Json;
import io.mountscope.util.Procfs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Test helpers: recipe runs through the real launcher, the journal they write, the host's view. */
final class RecipeRuns {
  /** The candidates of sysctl-tuning, in its order, with the value each trial writes. */
  static final Map<String, String> SYSCTL_CANDIDATES = new java.util.LinkedHashMap<>();

  static {
    SYSCTL_CANDIDATES.put("kernel.timer_migration", "0");
    SYSCTL_CANDIDATES.put("kernel.numa_balancing", "0");
    SYSCTL_CANDIDATES.put("vm.vfs_cache_pressure", "50");
    SYSCTL_CANDIDATES.put("kernel.sched_autogroup_enabled", "0");
  }

  private RecipeRuns() {}

  /** Runs a recipe with --json and returns its report; fails with the transcript when the exit code differs. */
  static JsonNode run(int expectedExit, String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("recipe", "run"));
    cmd.addAll(List.of(args));
    cmd.add("--json");
    Launcher.Result r = Launcher.run(Map.of(), 300, cmd.toArray(String[]::new));
    if (r.exitCode() != expectedExit) {
      throw new AssertionError("exit " + r.exitCode() + " (expected " + expectedExit + ") from " + cmd + "\nstderr:\n"
          + r.err() + "\nstdout:\n" + r.out());
    }
    return Json.mapper().readTree(r.out());
  }

  static ChangeJournal journal() {
    return ChangeJournal.open(TestDirs.stateDir().resolve(ChangeJournal.FILE));
  }

  /** The journal's changes that are neither undone nor kept. */
  static List<JournalEntry.Change> pending() {
    return journal().pending();
  }

  static long cpus() {
    return io.mountscope.stress.CpuSets.online().size();
  }

  static String sysctl(String key) {
    return Procfs.read("/proc/sys/" + key.replace('.', '/')).orElseThrow().trim();
  }

  /** The candidates' current values, to compare after a run. */
  static Map<String, String> sysctls() {
    Map<String, String> out = new java.util.LinkedHashMap<>();
    SYSCTL_CANDIDATES.keySet().forEach(k -> out.put(k, sysctl(k)));
    return out;
  }

  /**
   * The host's mount rows that a recipe's storms or table growth could have made (a
   * mountscope-stress scratch, the mountinfo bench's tmpfs); the rest of a shared machine's table
   * moves for other reasons.
   */
  static List<String> hostMounts() throws IOException {
    List<String> rows = new ArrayList<>();
    for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
      String[] f = line.split(" ");
      int dash = List.of(f).indexOf("-");
      if (f[4].contains("mountscope") || f[dash + 2].startsWith("mountscope")) {
        rows.add(f[4] + " " + f[dash + 1] + " " + f[dash + 2]);
      }
    }
    rows.sort(null);
    return rows;
  }

  static void await(BooleanSupplier condition, int seconds, String what) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + seconds + " s waiting for " + what);
      }
      Thread.sleep(20);
    }
  }

  /** The verdicts of a report's comparisons. */
  static List<String> verdicts(JsonNode report) {
    List<String> out = new ArrayList<>();
    report.get("comparisons").forEach(c -> out.add(c.get("verdict").asText()));
    return out;
  }
}
