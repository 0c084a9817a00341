package io.mountscope.training;

import io.mountscope.testing.Launcher;
import io.mountscope.testing.Tmux;
import io.mountscope.util.Procfs;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A trainee in a real terminal: {@code mountscope train start} in tmux, answered by typing. The
 * pane is tall enough that nothing scrolls away, so prompts can be counted on the screen. The
 * right answers are worked out from what 'show' prints, as a trainee would, never from the code.
 */
final class TrainingSession implements AutoCloseable {
  private static final Pattern PROMPT = Pattern.compile("(?m)^answer( \\(try \\d+ of \\d+\\))?>( |$)");
  private final Tmux tmux;
  private int prompts;

  private TrainingSession(Tmux tmux) {
    this.tmux = tmux;
  }

  static TrainingSession start(String scenario, String user) throws IOException, InterruptedException {
    return new TrainingSession(Tmux.start(200, 400, "xterm-256color",
        "trap true INT; " + Launcher.executable() + " train start " + scenario + " --user " + user));
  }

  Tmux tmux() {
    return tmux;
  }

  /** Waits for the next question's (or try's) prompt, then types {@code text} and Enter. */
  void answer(String text) throws IOException, InterruptedException {
    awaitPrompt();
    tmux.type(text);
    tmux.send("Enter");
    prompts++;
  }

  /** Waits until the session asks again (a new prompt is on the screen). */
  String awaitPrompt() throws IOException, InterruptedException {
    int want = prompts + 1;
    return tmux.await(s -> count(s) >= want, 60, "answer prompt #" + want);
  }

  /** Types 'show' and returns the live-data block it printed. */
  Live show() throws IOException, InterruptedException {
    answer("show");
    String screen = awaitPrompt();
    String block = screen.substring(screen.lastIndexOf("live data at"));
    Matcher next = PROMPT.matcher(block);
    return new Live(next.find() ? block.substring(0, next.start()) : block);
  }

  private static int count(String screen) {
    Matcher m = PROMPT.matcher(screen);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  /** The launcher's JVM: the child of the pane's shell that runs mountscope.jar. */
  long javaPid() throws IOException, InterruptedException {
    long pane = tmux.panePid();
    return ProcessHandle.of(pane).stream().flatMap(ProcessHandle::children)
        .filter(c -> Procfs.read("/proc/" + c.pid() + "/cmdline").orElse("").contains("mountscope.jar"))
        .mapToLong(ProcessHandle::pid).findFirst().orElseThrow(() -> new AssertionError("no mountscope JVM under " + pane));
  }

  String awaitExit(int seconds) throws IOException, InterruptedException {
    return tmux.await(s -> s.contains("[exited "), seconds, "the end of the session");
  }

  @Override
  public void close() throws IOException, InterruptedException {
    tmux.close();
  }

  /** The block 'show' printed, read the way a trainee reads it. */
  record Live(String text) {
    /** Verdicts of the mount-lock incident (training's rule, docs/training.md). */
    static final Set<String> INCIDENT = Set.of("mount-lock-contention", "idmap-per-layer", "idmapped-temp-mounts-piling-up",
        "mount-storm", "too-many-concurrent-starts", "starts-stuck", "cross-node-contention");

    String topCaller() {
      return firstRow("lock wait, top callers");
    }

    String topSymbol() {
      return firstRow("kernel CPU, top symbols");
    }

    private String firstRow(String heading) {
      String after = text.substring(text.indexOf(heading));
      Matcher m = Pattern.compile("(?m)^\\s+1\\. (\\S+)").matcher(after);
      if (!m.find()) {
        throw new AssertionError("no first row under '" + heading + "' in:\n" + text);
      }
      return m.group(1);
    }

    int topSpinNode() {
      Matcher m = Pattern.compile("node(\\d+) ([0-9.]+)%").matcher(text.substring(text.indexOf("lock spinning per NUMA node")));
      Map<Double, Integer> by = new TreeMap<>();
      while (m.find()) {
        by.putIfAbsent(Double.parseDouble(m.group(2)), Integer.parseInt(m.group(1)));
      }
      return ((TreeMap<Double, Integer>) by).lastEntry().getValue();
    }

    List<String> verdicts() {
      List<String> ids = new ArrayList<>();
      Matcher m = Pattern.compile("(?m)^\\s+verdict: (\\S+) ").matcher(text);
      while (m.find()) {
        ids.add(m.group(1));
      }
      return ids;
    }

    String nextRecipe() {
      Matcher m = Pattern.compile("(?m)^\\s+verdict: \\S+ \\(\\w+\\), next: ([a-z-]+)").matcher(text);
      return m.find() ? m.group(1) : "none";
    }

    String incident() {
      return verdicts().stream().anyMatch(INCIDENT::contains) ? "yes" : "no";
    }

    double totalRate() {
      return number("mount syscalls: ([0-9,.]+)/s in all");
    }

    double rateOf(String kind) {
      Matcher m = Pattern.compile("[ (]" + kind + " ([0-9,.]+)/s").matcher(text);
      return m.find() ? Double.parseDouble(m.group(1).replace(",", "")) : 0;
    }

    double syscallsPerStart() {
      return number("worker pid \\d+: ([0-9,.]+) mount syscalls/s") / number("([0-9,.]+) starts/s");
    }

    private double number(String regex) {
      Matcher m = Pattern.compile(regex).matcher(text);
      if (!m.find()) {
        throw new AssertionError("no /" + regex + "/ in:\n" + text);
      }
      return Double.parseDouble(m.group(1).replace(",", ""));
    }

    static String format(double v) {
      return String.format(Locale.ROOT, "%.2f", v);
    }
  }
}
