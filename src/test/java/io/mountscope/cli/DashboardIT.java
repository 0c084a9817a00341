package io.mountscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mountscope.testing.Launcher;
import io.mountscope.testing.Tmux;
import io.mountscope.util.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard in a real terminal (tmux), as an on-call engineer meets it over SSH: every panel
 * agrees with a snapshot taken at the same time, the keys work, and the terminal settings are the
 * same afterwards however it ends (q, Ctrl-C, SIGTERM).
 */
class DashboardIT {
  private static final List<String> PANELS = List.of("Topology", "Mount activity", "Mount table", "Hotspots",
      "Startups", "Diagnosis");

  private static String stty(String tty) throws Exception {
    return Launcher.exec(List.of("sh", "-c", "stty -a < " + tty), Map.of(), 10).out();
  }

  private static JsonNode snapshot() throws Exception {
    Launcher.Result r = Launcher.run("snapshot", "--json", "--window", "0.2");
    assertThat(r.exitCode()).as(r.err()).isZero();
    return Json.mapper().readTree(r.out());
  }

  /** Starts the dashboard a second after the shell, so the test can read the terminal settings before. */
  private static Tmux open(int cols, int rows, String term, String env) throws Exception {
    return Tmux.start(cols, rows, term, "sleep 1; " + env + " " + Launcher.executable());
  }

  /**
   * Waits for a whole frame with data: the header with the host, every panel, the key hints, and
   * a status bar naming no probe as still starting (the first frame does not wait for slow starts).
   */
  private static String awaitFrame(Tmux t, String host) throws Exception {
    return t.await(s -> s.contains(host) && PANELS.stream().allMatch(s::contains) && s.contains("q quit")
        && !s.contains("waiting for the first sample") && !statusBar(s).contains("startin"), 30, "a full frame");
  }

  private static String statusBar(String screen) {
    String t = screen.stripTrailing();
    return t.substring(t.lastIndexOf('\n') + 1);
  }

  private static String group(String screen, String regex) {
    Matcher m = Pattern.compile(regex).matcher(screen);
    assertThat(m.find()).as("'%s' on screen:\n%s", regex, screen).isTrue();
    return m.group(1);
  }

  /** Every panel against the snapshot: what it shows, or that the part is not collected. */
  private static void agreesWithSnapshots(String screen, JsonNode before, JsonNode after) {
    assertThat(screen).contains(after.get("host").get("name").asText(), after.get("kernel").get("release").asText());
    JsonNode t = after.get("topology");
    assertThat(group(screen, "(\\d+) CPUs")).isEqualTo(t.get("logicalCpus").asText());
    assertThat(group(screen, "(\\d+) sockets?,")).isEqualTo(t.get("packages").asText());
    assertThat(group(screen, "(\\d+) nodes?,")).isEqualTo(Integer.toString(t.get("numaNodes").size()));
    assertThat(group(screen, "SMT (on|off)")).isEqualTo(t.get("smt").get("active").asBoolean() ? "on" : "off");
    assertThat(group(screen, "risk (LOW|MEDIUM|HIGH)")).isEqualTo(t.get("risk").get("level").asText().toUpperCase(Locale.ROOT));
    for (JsonNode n : t.get("numaNodes")) {
      List<Integer> cpus = new ArrayList<>();
      n.get("cpus").forEach(c -> cpus.add(c.asInt()));
      String row = n.get("id").asInt() + " +" + Pattern.quote(io.mountscope.util.Fmt.cpuList(cpus)) + " +"
          + Pattern.quote(io.mountscope.tui.panel.Units.bytes(n.get("memoryBytes").asLong()));
      assertThat(screen).containsPattern(row);
    }
    long shown = Long.parseLong(group(screen, "mounts (\\d+) [+-]"));
    long lo = Math.min(before.get("mountTable").get("mounts").asLong(), after.get("mountTable").get("mounts").asLong());
    long hi = Math.max(before.get("mountTable").get("mounts").asLong(), after.get("mountTable").get("mounts").asLong());
    assertThat(shown).as("mount count between the two snapshots").isBetween(lo, hi);
    partOrNotCollected(screen, after, "mountActivity", "total ", "mount syscalls: ");
    partOrNotCollected(screen, after, "hotspots", "lock spin ", "cpu sampling: ");
    partOrNotCollected(screen, after, "locks", null, "lock contention: ");
    partOrNotCollected(screen, after, "startups", " in flight", "container starts: ");
    if (after.get("self") != null && !after.get("self").isNull()) {
      assertThat(screen).containsPattern("self cpu [0-9.]+% rss [0-9.]+M");
    }
  }

  private static void partOrNotCollected(String screen, JsonNode snap, String part, String present, String absent) {
    JsonNode p = snap.get(part);
    if (p == null || p.isNull()) {
      assertThat(screen).as("%s is null in the snapshot", part).contains(absent);
    } else if (present != null) {
      assertThat(screen).as("%s is in the snapshot", part).contains(present);
    } else {
      // Collected: the dashboard must not call it missing. (Its own tracer's rows cover another
      // window than the snapshot's, so on a quiet node their top callers differ.)
      assertThat(screen).as("%s is in the snapshot", part).doesNotContain(absent);
    }
  }

  /** The first full frame, checked against snapshots taken just before and just after it. */
  private static String frameAgreeingWithSnapshots(Tmux t) throws Exception {
    JsonNode before = snapshot();
    String screen = awaitFrame(t, before.get("host").get("name").asText());
    agreesWithSnapshots(screen, before, snapshot());
    return screen;
  }

  @Test
  void at_80x24_every_panel_agrees_with_snapshot_json_the_keys_work_and_q_restores_the_terminal() throws Exception {
    try (Tmux t = open(80, 24, "xterm-256color", "LANG=C.UTF-8")) {
      String tty = t.paneTty();
      String sttyBefore = stty(tty);
      String screen = frameAgreeingWithSnapshots(t);
      assertThat(screen).contains("╔═ Topology");
      assertThat(stty(tty)).as("raw mode while open").isNotEqualTo(sttyBefore);

      t.send("Tab");
      t.await(s -> s.contains("╔═ Mount activity"), 10, "focus on Mount activity");
      t.send("BTab");
      t.await(s -> s.contains("╔═ Topology"), 10, "focus back on Topology");
      t.send("Enter");
      String zoomed = t.await(s -> s.contains("Topology  (Esc: back)"), 10, "zoomed Topology");
      assertThat(zoomed).doesNotContain("Hotspots").contains("cpu ", "smt ");
      t.send("Escape");
      t.await(s -> s.contains("Hotspots") && !s.contains("(Esc: back)"), 10, "the grid again");
      t.type("/");
      t.await(s -> s.contains("filter Topology: _"), 10, "the filter prompt");
      t.type("zzz");
      t.send("Enter");
      t.await(s -> s.contains("Topology /zzz") && s.contains("(none match /zzz)"), 10, "nodes filtered away");
      t.send("Escape");
      t.await(s -> !s.contains("/zzz") && s.contains("filter cleared"), 10, "the filter cleared");
      t.type("s");
      t.await(s -> s.contains("sorted by cpus") && s.contains("cpus▼"), 10, "sorted by cpus");
      t.type("?");
      t.await(s -> s.contains("Keys and panels"), 10, "help");
      t.send("Escape");
      t.await(s -> !s.contains("Keys and panels"), 10, "help closed");
      t.type("q");
      t.awaitText("[exited 0]", 15);
      assertThat(stty(tty)).isEqualTo(sttyBefore);
    }
  }

  @Test
  void at_200x60_the_panels_use_the_room_follow_a_resize_and_sigterm_restores_the_terminal() throws Exception {
    try (Tmux t = open(200, 60, "tmux-256color", "LANG=C.UTF-8")) {
      String tty = t.paneTty();
      String sttyBefore = stty(tty);
      String screen = frameAgreeingWithSnapshots(t);
      String[] rows = screen.split("\n");
      assertThat(rows[2]).as("three panels side by side").contains("Topology", "Mount activity", "Mount table");
      assertThat(screen).as("the detail a tall panel has room for").contains("smt ", "probes", "host ");

      t.resize(80, 24);
      t.await(s -> s.split("\n")[2].contains("Topology") && s.split("\n")[2].contains("Mount activity")
          && !s.split("\n")[2].contains("Mount table") && s.contains("Hotspots"), 15, "the 80x24 layout after a resize");

      long java = dashboardJvm(t);
      ProcessHandle.of(java).orElseThrow().destroy(); // SIGTERM, to the JVM this test started only
      t.awaitText("[exited 143]", 15);
      assertThat(withoutSize(stty(tty))).as("terminal settings after SIGTERM (the size is the resize's)")
          .isEqualTo(withoutSize(sttyBefore));
    }
  }

  private static String withoutSize(String stty) {
    return stty.replaceAll("rows \\d+; columns \\d+;", "");
  }

  /** The dashboard's JVM: the child of the pane's shell that the launcher exec'd into java. */
  private static long dashboardJvm(Tmux t) throws Exception {
    ProcessHandle shell = ProcessHandle.of(t.panePid()).orElseThrow();
    return shell.children().filter(p -> p.info().command().map(c -> c.endsWith("java")).orElse(false))
        .findFirst().orElseThrow(() -> new AssertionError("no java child of the pane's shell")).pid();
  }

  @Test
  void the_first_frame_shows_what_reads_quickly_and_the_kernel_collectors_join_after_it() throws Exception {
    String host = Launcher.exec(List.of("uname", "-n"), Map.of(), 10).out().trim();
    String cpus = Launcher.exec(List.of("nproc", "--all"), Map.of(), 10).out().trim();
    try (Tmux t = open(120, 40, "xterm-256color", "LANG=C.UTF-8")) {
      String first = t.await(s -> s.contains(host) && PANELS.stream().allMatch(s::contains) && s.contains("q quit"), 30,
          "the first frame");
      // sysfs and mountinfo are read before the first frame; perf events and kallsyms only after it.
      assertThat(first).doesNotContain("topology: starting", "waiting for the first sample")
          .contains(cpus + " CPUs").containsPattern("mounts \\d+ [+-]").containsPattern("risk (LOW|MEDIUM|HIGH)");
      // (The plugins' panel joining after the first frame: DashboardLoopTest and PluginDashboardIT,
      // which has plugin directories root may load from; a checkout under /tmp has none.)
      String later = t.await(s -> !statusBar(s).contains("startin"), 15, "the kernel collectors");
      JsonNode snap = snapshot();
      partOrNotCollected(later, snap, "mountActivity", "total ", "mount syscalls: ");
      partOrNotCollected(later, snap, "hotspots", "lock spin ", "cpu sampling: ");
      t.type("q");
      t.awaitText("[exited 0]", 15);
    }
  }

  @Test
  void a_tick_sends_the_few_cells_that_changed_not_the_whole_screen(@TempDir Path tmp) throws Exception {
    String host = Launcher.exec(List.of("uname", "-n"), Map.of(), 10).out().trim();
    try (Tmux t = open(120, 40, "xterm-256color", "LANG=C.UTF-8")) {
      awaitFrame(t, host);
      Path ticks = tmp.resolve("ticks.out");
      t.pipeOutput(ticks);
      Thread.sleep(4_000);
      t.pipeOutput(null);
      long perTick = Files.size(ticks) / 4;
      Path full = tmp.resolve("full.out");
      t.pipeOutput(full);
      t.send("C-l"); // repaint everything, as after a resize
      Thread.sleep(700);
      t.pipeOutput(null);
      long frame = Files.size(full);
      assertThat(frame).as("a full frame").isGreaterThan(120 * 40 / 2);
      assertThat(perTick).as("bytes per 1 s tick vs %d for a full frame", frame).isPositive().isLessThan(frame / 4);
      t.type("q");
      t.awaitText("[exited 0]", 15);
    }
  }

  @Test
  void in_the_c_locale_on_a_linux_console_only_ascii_and_8_colours_and_ctrl_c_restores() throws Exception {
    String host = Launcher.exec(List.of("uname", "-n"), Map.of(), 10).out().trim();
    try (Tmux t = open(80, 24, "linux", "LANG=C LC_ALL=C")) {
      String tty = t.paneTty();
      String sttyBefore = stty(tty);
      String screen = awaitFrame(t, host);
      assertThat(screen.chars().filter(c -> c > 0x7e).mapToObj(c -> Character.toString(c))).as("non-ASCII on screen")
          .isEmpty();
      assertThat(screen).contains("#= Topology", "+- Mount activity");
      String escapes = t.screenWithEscapes();
      assertThat(escapes).as("8 colours only").doesNotContain("38;5;").containsPattern("\u001b\\[[0-9;]*3[0-7][;m]");
      t.send("C-c");
      t.awaitText("[exited 130]", 15);
      assertThat(stty(tty)).isEqualTo(sttyBefore);
    }
  }

  @Test
  void screen_and_xterm_with_no_color_draw_without_colour_and_every_term_quits_cleanly() throws Exception {
    String host = Launcher.exec(List.of("uname", "-n"), Map.of(), 10).out().trim();
    for (String[] run : new String[][] {{"screen", "LANG=C.UTF-8 NO_COLOR=1"}, {"xterm", "LANG=en_US.UTF-8"}}) {
      try (Tmux t = open(80, 24, run[0], run[1])) {
        String tty = t.paneTty();
        String sttyBefore = stty(tty);
        awaitFrame(t, host);
        String escapes = t.screenWithEscapes();
        if (run[1].contains("NO_COLOR")) {
          assertThat(escapes).as("TERM=%s NO_COLOR: no colour", run[0]).doesNotContainPattern("\u001b\\[[0-9;]*(3[0-7]|4[0-7]|38;5)[;m]");
          assertThat(escapes).as("but reverse video for the bars").contains("\u001b[7m");
        } else {
          assertThat(escapes).as("TERM=%s: 8 colours", run[0]).doesNotContain("38;5;").containsPattern("\u001b\\[[0-9;]*3[0-7][;m]");
        }
        t.type("q");
        t.awaitText("[exited 0]", 15);
        assertThat(stty(tty)).as("TERM=%s", run[0]).isEqualTo(sttyBefore);
      }
    }
  }
}
