package io.mountscope.bench;

import io.mountscope.util.InputException;
import io.mountscope.util.Procfs;
import io.mountscope.util.UnavailableException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The dashboard's cost next to htop and btop, each run the same way: in a detached tmux terminal
 * of the same size, refreshing every second, for the same time. Time to first frame is from
 * starting the program to the first full screen (polled with capture-pane through one tmux
 * control-mode client, which forks nothing while the program starts); CPU is the program's
 * utime+stime over the window after a warm-up; RSS is read at the end.
 */
@Command(name = "dashboard", mixinStandardHelpOptions = true, header = "The dashboard's CPU, memory and first frame, against htop and btop.",
    description = {"CPU share at the default 1 s refresh (during the warm-up and after it), RSS and time to first frame of the dashboard,",
        "next to htop and btop run the same way. Targets: CPU at or below btop's, RSS <= 128 MB,",
        "first frame <= 0.5 s with the installed CDS archive. Installs tmux, htop and btop if missing (root)."})
public final class DashboardBench implements Callable<Integer> {
  private static final double CLOCK_TICKS = 100; // USER_HZ on Linux

  @Spec
  CommandSpec spec;

  @Option(names = "--launcher", paramLabel = "PATH", description = "Launcher to measure (default: the running installation's).")
  Path launcher;

  @Option(names = "--seconds", defaultValue = "30", description = "Measurement window per program (default: ${DEFAULT-VALUE}).")
  int seconds;

  @Option(names = "--warmup", defaultValue = "60",
      description = {"Seconds after the first frame before the CPU window (default: ${DEFAULT-VALUE}): the JVM's C1 compiler",
          "compiles a method once it ran a few hundred times, which at one frame a second takes a minute or more."})
  int warmup;

  @Option(names = "--starts", defaultValue = "5", description = "Starts per program for the first frame; the median is shown (default: ${DEFAULT-VALUE}).")
  int starts;

  @Option(names = "--size", defaultValue = "120x40", description = "Terminal size COLSxROWS (default: ${DEFAULT-VALUE}).")
  String size;

  /**
   * One program measured: how it is started, how to tell its first full screen, and how to tell
   * that every part of it has data (mountscope draws parts whose first read is slow as "starting").
   */
  record Subject(String name, String command, Predicate<String> fullScreen, Predicate<String> complete) {}

  /** What was measured. */
  record Result(String name, double firstFrameSeconds, double completeSeconds, double warmupCpuShare, double cpuShare,
      long rssBytes) {}

  @Override
  public Integer call() throws Exception {
    Path exe = Launchers.resolve(launcher);
    if (seconds < 1 || seconds > 600) {
      throw new InputException("--seconds must be between 1 and 600, got " + seconds);
    }
    if (starts < 1 || starts > 50) {
      throw new InputException("--starts must be between 1 and 50, got " + starts);
    }
    if (warmup < 0 || warmup > 600) {
      throw new InputException("--warmup must be between 0 and 600, got " + warmup);
    }
    int[] wh = parseSize(size);
    PrintWriter out = spec.commandLine().getOut();
    ensureTools(out);
    boolean archive = Launchers.hasCdsArchive(exe);
    Path home = Files.createTempDirectory("mountscope-bench-home");
    try {
      // btop keeps its refresh interval only in its config file; both tools write their config on exit.
      Files.createDirectories(home.resolve(".config/btop"));
      Files.writeString(home.resolve(".config/btop/btop.conf"), "update_ms = 1000\n");
      List<Subject> subjects = List.of(
          new Subject("mountscope", exe.toString(),
              s -> s.contains("Mount activity") && s.contains("q quit") && !s.contains("waiting for the first sample"),
              s -> !lastLine(s).contains("starting")), // the status bar names every probe still starting
          new Subject("htop -d 10", "htop -d 10", s -> s.contains("F10"), s -> true),
          new Subject("btop (update_ms 1000)", "btop --utf-force", s -> s.contains("mem") && s.contains("proc"), s -> true));
      out.println("terminal " + wh[0] + "x" + wh[1] + " (tmux), TERM=xterm-256color, " + seconds + " s window after "
          + warmup + " s warm-up");
      out.println("launcher " + exe + (archive ? " (with its CDS archive)" : " (no CDS archive installed)"));
      out.flush();
      List<Result> results = new ArrayList<>();
      for (Subject s : subjects) {
        results.add(measure(s, wh, home));
      }
      print(out, results);
    } finally {
      deleteTree(home);
    }
    return 0;
  }

  private Result measure(Subject s, int[] wh, Path home) throws IOException, InterruptedException {
    double[] frames = new double[starts];
    double[] complete = new double[starts];
    for (int i = 0; i < starts - 1; i++) {
      Result r = run(s, wh, home, false);
      frames[i] = r.firstFrameSeconds();
      complete[i] = r.completeSeconds();
    }
    Result last = run(s, wh, home, true);
    frames[starts - 1] = last.firstFrameSeconds();
    complete[starts - 1] = last.completeSeconds();
    java.util.Arrays.sort(frames);
    java.util.Arrays.sort(complete);
    return new Result(s.name(), frames[starts / 2], complete[starts / 2], last.warmupCpuShare(), last.cpuShare(),
        last.rssBytes());
  }

  /**
   * Starts the program in a fresh tmux, times its first full screen, and with {@code cpu} measures
   * its CPU and RSS. The screen is polled through one control-mode client (TmuxControl), so the
   * polling forks nothing while the program starts.
   */
  private Result run(Subject s, int[] wh, Path home, boolean cpu) throws IOException, InterruptedException {
    String socket = "mountscope-bench-" + ProcessHandle.current().pid();
    String env = "HOME='" + home + "' XDG_CONFIG_HOME='" + home.resolve(".config") + "' TERM=xterm-256color LANG=C.UTF-8";
    try (TmuxControl tmux = TmuxControl.start(socket, wh[0], wh[1])) {
      long start = System.nanoTime();
      tmux.command("new-session -d -s b -x " + wh[0] + " -y " + wh[1] + " "
          + TmuxControl.quote("exec env " + env + " " + s.command()));
      try {
        double firstFrame = Double.POSITIVE_INFINITY;
        double complete = Double.POSITIVE_INFINITY;
        long deadline = start + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
          String screen = tmux.command("capture-pane -p -t =b:");
          double t = (System.nanoTime() - start) / 1e9;
          if (Double.isInfinite(firstFrame) && full(screen, wh[1]) && s.fullScreen().test(screen)) {
            firstFrame = t;
          }
          if (!Double.isInfinite(firstFrame) && s.complete().test(screen)) {
            complete = t;
            break;
          }
          Thread.sleep(5);
        }
        if (!cpu) {
          return new Result(s.name(), firstFrame, complete, 0, 0, 0);
        }
        long pid = Long.parseLong(tmux.command("display-message -p -t =b: '#{pane_pid}'").trim());
        long cpuWarm = cpuTicks(pid);
        long tWarm = System.nanoTime();
        Thread.sleep(warmup * 1000L);
        long cpu0 = cpuTicks(pid);
        long t0 = System.nanoTime();
        double warmShare = (cpu0 - cpuWarm) / CLOCK_TICKS / Math.max(1e-9, (t0 - tWarm) / 1e9);
        Thread.sleep(seconds * 1000L);
        long cpu1 = cpuTicks(pid);
        double wall = (System.nanoTime() - t0) / 1e9;
        long rss = Procfs.read(Path.of("/proc", Long.toString(pid), "status")).map(DashboardBench::rssBytes).orElse(0L);
        return new Result(s.name(), firstFrame, complete, warmShare, (cpu1 - cpu0) / CLOCK_TICKS / wall, rss);
      } finally {
        try {
          tmux.command("send-keys -t =b: q");
          Thread.sleep(300);
        } catch (IOException gone) {
          // the program ended already
        }
      }
    }
  }

  private void print(PrintWriter out, List<Result> results) {
    Result ms = results.get(0);
    Result btop = results.get(results.size() - 1);
    Table t = new Table("program", "first frame s (median)", "all parts s (median)", "cpu % warm-up", "cpu % of a core",
        "rss MB", "cpu vs btop");
    for (Result r : results) {
      t.row(r.name(), seconds(r.firstFrameSeconds()), seconds(r.completeSeconds()),
          String.format(Locale.US, "%.2f", r.warmupCpuShare() * 100),
          String.format(Locale.US, "%.2f", r.cpuShare() * 100), String.format(Locale.US, "%.1f", r.rssBytes() / 1048576.0),
          btop.cpuShare() > 0 ? String.format(Locale.US, "%.2fx", r.cpuShare() / btop.cpuShare()) : "-");
    }
    t.print(out);
    out.println("targets: cpu <= btop's " + verdict(ms.cpuShare() <= btop.cpuShare())
        + ", rss <= 128 MB " + verdict(ms.rssBytes() <= 128L << 20)
        + ", first frame <= 0.5 s with CDS " + verdict(ms.firstFrameSeconds() <= 0.5));
    out.flush();
  }

  private static String seconds(double s) {
    return Double.isInfinite(s) ? "never" : String.format(Locale.US, "%.3f", s);
  }

  static String lastLine(String screen) {
    String t = screen.stripTrailing();
    return t.substring(t.lastIndexOf('\n') + 1);
  }

  private static String verdict(boolean met) {
    return met ? "(met)" : "(missed)";
  }

  /** A full screen: drawn down to the last row (htop leaves its first row blank); each program's test says the rest. */
  static boolean full(String screen, int rows) {
    String[] lines = screen.split("\n", -1);
    return lines.length >= rows && !lines[rows - 1].isBlank();
  }

  private static long cpuTicks(long pid) {
    return Procfs.cpuTicks("/proc/" + pid + "/stat").orElse(0L);
  }

  private static long rssBytes(String status) {
    for (String line : status.split("\n")) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
      }
    }
    return 0;
  }

  private static int[] parseSize(String s) {
    String[] p = s.toLowerCase(Locale.ROOT).split("x");
    try {
      int[] wh = {Integer.parseInt(p[0]), Integer.parseInt(p[1])};
      if (p.length == 2 && wh[0] >= 80 && wh[1] >= 24 && wh[0] <= 500 && wh[1] <= 200) {
        return wh;
      }
    } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
      // fall through
    }
    throw new InputException("--size must be COLSxROWS, at least 80x24, got '" + s + "'");
  }

  /** tmux, htop and btop: installed with apt-get when missing and root, else a clear refusal. */
  private static void ensureTools(PrintWriter out) throws IOException, InterruptedException {
    List<String> missing = new ArrayList<>();
    for (String tool : new String[] {"tmux", "htop", "btop"}) {
      if (!onPath(tool)) {
        missing.add(tool);
      }
    }
    if (missing.isEmpty()) {
      return;
    }
    if (!io.mountscope.util.Dirs.isRoot()) {
      throw new UnavailableException(String.join(", ", missing) + " not installed",
          "apt-get install " + String.join(" ", missing) + " (or run the bench as root, which installs them)");
    }
    out.println("installing " + String.join(" ", missing) + " (apt-get) to compare against");
    out.flush();
    List<String> install = new ArrayList<>(List.of("apt-get", "install", "-y", "-qq", "--no-install-recommends"));
    install.addAll(missing);
    String log = apt(install);
    if (log != null) {
      apt(List.of("apt-get", "update", "-qq")); // stale package lists are the usual reason
      log = apt(install);
    }
    if (log != null) {
      throw new UnavailableException("apt-get install " + String.join(" ", missing) + " failed: "
          + log.lines().reduce((a, b) -> b).orElse(""), "install them by hand and run the bench again");
    }
  }

  /** Runs apt-get; null when it succeeded, else its output. */
  private static String apt(List<String> cmd) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().put("DEBIAN_FRONTEND", "noninteractive");
    Process p = pb.start();
    String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return p.waitFor() == 0 ? null : log;
  }

  private static boolean onPath(String tool) {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
      if (Files.isExecutable(Path.of(dir, tool))) {
        return true;
      }
    }
    return false;
  }

  private static void deleteTree(Path dir) throws IOException {
    try (var s = Files.walk(dir)) {
      for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
