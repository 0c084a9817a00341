package io.mountscope.bench;

import java.io.IOException;
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

/** Wall time of the installed launcher, with and without its class-data-sharing archive. */
@Command(name = "startup", mixinStandardHelpOptions = true, header = "Start-up time of the launcher, with and without its CDS archive.",
    description = {"Median wall time of 'mountscope --version' and 'snapshot --json' with and without",
        "the AppCDS archive made by install.sh. Target: --version in 0.3 s or less with CDS."})
public final class StartupBench implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--launcher", paramLabel = "PATH", description = "Launcher to time (default: the running installation's).")
  Path launcher;

  @Option(names = "--runs", defaultValue = "7", description = "Runs per measurement (default: ${DEFAULT-VALUE}).")
  int runs;

  @Override
  public Integer call() throws Exception {
    Path exe = Launchers.resolve(launcher);
    boolean archive = Launchers.hasCdsArchive(exe);
    PrintWriter out = spec.commandLine().getOut();
    out.println("launcher " + exe + (archive ? "" : "  (no CDS archive installed: both columns run without it)"));
    out.println("median of " + runs + " runs, seconds");
    Table t = new Table("command", "with CDS", "without CDS", "ratio", "target");
    for (String[] args : List.of(new String[] {"--version"}, new String[] {"snapshot", "--json", "--window", "0.01"})) {
      double with = median(exe, args, false);
      double without = median(exe, args, true);
      t.row(String.join(" ", args), f(with), f(without), String.format(Locale.US, "%.2fx", with / without),
          args[0].equals("--version") ? "<= 0.300 with CDS" + (with <= 0.3 ? " (met)" : " (missed)") : "");
    }
    t.print(out);
    return 0;
  }

  private double median(Path exe, String[] args, boolean noAppCds) throws IOException, InterruptedException {
    double[] times = new double[runs];
    for (int i = 0; i < runs; i++) {
      List<String> cmd = new ArrayList<>();
      cmd.add(exe.toString());
      cmd.addAll(Arrays.asList(args));
      ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .redirectError(ProcessBuilder.Redirect.DISCARD);
      if (noAppCds) {
        pb.environment().put("MOUNTSCOPE_NO_APPCDS", "1");
      }
      long start = System.nanoTime();
      Process p = pb.start();
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
      times[i] = (System.nanoTime() - start) / 1e9;
    }
    Arrays.sort(times);
    return times[runs / 2];
  }

  private static String f(double seconds) {
    return String.format(Locale.US, "%.3f", seconds);
  }
}
