package io.mountscope.bench;

import io.mountscope.probe.mounts.MountsAnalysis;
import io.mountscope.probe.mounts.MountsReport;
import io.mountscope.util.Fmt;
import io.mountscope.util.InputException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** How fast `mountscope mounts --from` reads, parses and sums up a huge mountinfo, next to findmnt. */
@Command(name = "mountinfo", mixinStandardHelpOptions = true, header = "Parse and sum up a huge mountinfo, against findmnt.",
    description = {"Generates mountinfo files of a sick container node (50-layer pods with idmapped",
        "temporary mounts) and times mountscope's parse and summary (median of --runs, in process)",
        "against findmnt --tab-file on the same file (one run, cut off at --findmnt-timeout).",
        "Target: 90,000 lines well under a second."})
public final class MountinfoBench implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--lines", split = ",", paramLabel = "N[,N...]", defaultValue = "10000,90000",
      description = "Sizes to test, in lines (default: ${DEFAULT-VALUE}).")
  List<Integer> sizes;

  @Option(names = "--runs", defaultValue = "5", description = "Runs of mountscope per size (default: ${DEFAULT-VALUE}).")
  int runs;

  @Option(names = "--findmnt-timeout", paramLabel = "SECONDS", defaultValue = "600",
      description = "Give up on findmnt after this long (default: ${DEFAULT-VALUE}).")
  int findmntTimeout;

  @Option(names = "--keep", paramLabel = "DIR", description = "Keep the generated files in DIR.")
  Path keep;

  @Override
  public Integer call() throws Exception {
    if (runs < 1 || sizes.stream().anyMatch(n -> n < 1)) {
      throw new InputException("--runs and --lines must be positive");
    }
    PrintWriter out = spec.commandLine().getOut();
    Path dir = keep != null ? Files.createDirectories(keep) : Files.createTempDirectory("mountscope-bench");
    Table t = new Table("lines", "file", "mountscope", "findmnt --tab-file", "ratio", "target");
    try {
      for (int lines : sizes) {
        Path file = dir.resolve("mountinfo-" + lines);
        MountinfoGenerator.write(file, lines);
        MountsReport last = null;
        double[] seconds = new double[runs];
        for (int i = 0; i < runs; i++) {
          long start = System.nanoTime();
          last = MountsAnalysis.file(file);
          seconds[i] = (System.nanoTime() - start) / 1e9;
        }
        if (last.mounts() != lines) {
          throw new IllegalStateException("parsed " + last.mounts() + " mounts from a " + lines + "-line file");
        }
        Arrays.sort(seconds);
        double ours = seconds[runs / 2];
        double theirs = findmnt(file);
        boolean timedOut = theirs < 0;
        t.row(String.format(Locale.US, "%,d", lines), Fmt.bytes(Files.size(file)), f(ours),
            timedOut ? "> " + findmntTimeout + " s" : f(theirs),
            String.format(Locale.US, timedOut ? "> %.0fx" : "%.0fx", (timedOut ? findmntTimeout : theirs) / ours),
            lines >= 90_000 ? "< 1 s" + (ours < 1 ? " (met)" : " (missed)") : "");
      }
    } finally {
      if (keep == null) {
        for (Path p : Files.list(dir).toList()) {
          Files.deleteIfExists(p);
        }
        Files.deleteIfExists(dir);
      }
    }
    out.println("mountscope: read + parse + summary, median of " + runs + " runs in this JVM; findmnt: one run, wall time");
    t.print(out);
    return 0;
  }

  /** Wall seconds of findmnt --tab-file FILE (output discarded), or -1 after the timeout. */
  private double findmnt(Path file) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("findmnt", "--tab-file", file.toString()));
    long start = System.nanoTime();
    Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    if (!p.waitFor(findmntTimeout, TimeUnit.SECONDS)) {
      p.destroyForcibly().waitFor(); // our own child, by its handle
      return -1;
    }
    return (System.nanoTime() - start) / 1e9;
  }

  private static String f(double seconds) {
    return seconds < 1 ? String.format(Locale.US, "%.0f ms", seconds * 1000) : String.format(Locale.US, "%.1f s", seconds);
  }
}
