package io.mountscope.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.mountscope.testing.Launcher;
import io.mountscope.testing.TestDirs;
import io.mountscope.testing.Tmux;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console in a real terminal: completion, history, Ctrl-R, Ctrl-C, and trips to the dashboard. */
class ConsoleIT {
  /** The prompt as capture-pane shows it (trailing blanks trimmed). */
  private static final String PROMPT = "mountscope>";

  private static String stty(String tty) throws Exception {
    return Launcher.exec(List.of("sh", "-c", "stty -a < " + tty), Map.of(), 10).out();
  }

  /** The console, with its own state directory (history) and recipes directory. */
  private static Tmux console(Path state, Path recipes, String before) throws Exception {
    return Tmux.start(100, 30, "xterm-256color", before + "MOUNTSCOPE_STATE_DIR='" + state + "' MOUNTSCOPE_RECIPES='"
        + recipes + "' " + Launcher.executable() + " console");
  }

  /** Runs a command at the prompt and waits until its output shows {@code expected} and the prompt is back. */
  private static void run(Tmux t, String command, String expected) throws Exception {
    t.type(command);
    t.send("Enter");
    t.await(s -> s.contains(expected) && s.lastIndexOf(PROMPT) > s.lastIndexOf(expected) && promptLine(s).equals(PROMPT),
        30, "'" + expected + "' from '" + command + "', then the prompt");
  }

  /** The line the cursor is on, as the screen shows it (the prompt line being edited). */
  private static String promptLine(String screen) {
    List<String> lines = screen.lines().filter(l -> l.startsWith("mountscope")).toList();
    return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
  }

  @Test
  void tab_completes_a_command_an_option_and_a_recipe_name(@TempDir Path state, @TempDir Path recipes) throws Exception {
    Files.writeString(recipes.resolve("night-shift-drill.yaml"), "description: Storm drill for new on-call engineers.\n");
    try (Tmux t = console(state, recipes, "")) {
      t.awaitText(PROMPT, 30);
      t.type("snap");
      t.send("Tab");
      t.await(s -> promptLine(s).equals("mountscope> snapshot"), 10, "'snap' completed to 'snapshot'");
      t.type("--win");
      t.send("Tab");
      String s = t.await(x -> promptLine(x).startsWith("mountscope> snapshot --window"), 10, "--win completed");
      assertThat(s).as("inline help for the option").contains("Seconds between the two reads");
      t.send("C-u");
      t.type("explain night");
      t.send("Tab");
      t.await(x -> promptLine(x).startsWith("mountscope> explain night-shift-drill"), 10, "the recipe name completed");
      t.send("Enter");
      t.awaitText("Storm drill for new on-call engineers.", 20);
    }
  }

  @Test
  void history_survives_a_restart_and_ctrl_r_finds_a_past_command(@TempDir Path state, @TempDir Path recipes) throws Exception {
    String console = "MOUNTSCOPE_STATE_DIR='" + state + "' " + Launcher.executable() + " console";
    try (Tmux t = Tmux.start(100, 30, "xterm-256color", console + "; echo '[session 1 ended]'; " + console)) {
      t.awaitText(PROMPT, 30);
      run(t, "explain osq_lock", "optimistic spin queue");
      run(t, "explain mount_lock", "lock_mount_hash");
      t.send("C-d");
      t.awaitText("[session 1 ended]", 20);
      Path history = state.resolve(ConsoleSession.HISTORY_FILE);
      assertThat(Files.readString(history)).contains("explain osq_lock", "explain mount_lock");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(history))).isEqualTo("rw-------");
      t.await(s -> s.lastIndexOf(PROMPT) > s.indexOf("[session 1 ended]"), 30, "the second session's prompt");
      t.send("Up");
      t.await(s -> promptLine(s).equals("mountscope> explain mount_lock"), 10, "the last command of the first session");
      t.send("C-u");
      t.send("C-r");
      t.type("osq");
      t.await(s -> s.contains("bck-i-search: osq") && s.contains("explain osq_lock"), 10, "Ctrl-R finding 'explain osq_lock'");
      t.send("Enter");
      t.awaitText("optimistic spin queue", 20);
    }
  }

  @Test
  void ctrl_c_stops_a_long_command_and_the_console_carries_on(@TempDir Path state, @TempDir Path recipes) throws Exception {
    // Ctrl-C goes to the whole foreground group: like an interactive shell, the pane's sh must survive it.
    try (Tmux t = console(state, recipes, "trap : INT; ")) {
      t.awaitText(PROMPT, 30);
      t.type("snapshot --window 30");
      t.send("Enter");
      t.awaitText("running: snapshot --window 30", 10);
      long start = System.nanoTime();
      t.send("C-c");
      t.awaitText("mountscope snapshot: interrupted", 10);
      t.awaitText("mountscope [130]>", 10);
      assertThat((System.nanoTime() - start) / 1e9).as("seconds to get the prompt back").isLessThan(10);
      t.type("explain osq_lock");
      t.send("Enter");
      t.await(s -> s.contains("optimistic spin queue") && promptLine(s).equals(PROMPT), 30, "explain, then the prompt");
      t.send("C-d");
      t.awaitText("[exited 0]", 20);
    }
  }

  @Test
  void three_round_trips_to_the_dashboard_leave_the_terminal_as_the_shell_had_it(@TempDir Path state, @TempDir Path recipes)
      throws Exception {
    try (Tmux t = console(state, recipes, "sleep 1; ")) {
      String tty = t.paneTty();
      String shell = stty(tty);
      t.awaitText(PROMPT, 30);
      String atPrompt = stty(tty);
      for (int trip = 1; trip <= 3; trip++) {
        if (trip == 2) {
          t.send("F2");
        } else {
          t.type("dash");
          t.send("Enter");
        }
        t.awaitText("q console", 20);
        assertThat(stty(tty)).as("the dashboard has the terminal in its own mode").isNotEqualTo(atPrompt);
        t.send("q");
        t.await(s -> promptLine(s).equals("mountscope>") && !s.contains("q console"), 20, "the prompt after trip " + trip);
        assertThat(stty(tty)).as("at the prompt after trip " + trip).isEqualTo(atPrompt);
      }
      t.type("snapshot --window 3");
      t.send("Enter");
      t.awaitText("running: snapshot", 10);
      assertThat(stty(tty)).as("a command runs in the shell's own settings").isEqualTo(shell);
      t.awaitText("mountinfo read in", 20);
      t.type("exit");
      t.send("Enter");
      t.awaitText("[exited 0]", 20);
      assertThat(stty(tty)).as("after exit").isEqualTo(shell);
    }
  }

  @Test
  void colon_in_the_dashboard_opens_the_console_and_dash_goes_back(@TempDir Path state) throws Exception {
    try (Tmux t = Tmux.start(100, 30, "xterm-256color", "sleep 1; MOUNTSCOPE_STATE_DIR='" + state + "' " + Launcher.executable())) {
      String tty = t.paneTty();
      String shell = stty(tty);
      t.awaitText("q quit", 30);
      t.send(":");
      t.awaitText(PROMPT, 20);
      run(t, "explain osq_lock", "optimistic spin queue");
      t.type("dash");
      t.send("Enter");
      t.awaitText("q quit", 20);
      t.send("q");
      t.awaitText("[exited 0]", 20);
      assertThat(stty(tty)).isEqualTo(shell);
    }
  }

  @Test
  void a_runbook_runs_to_the_end_echoing_each_command(@TempDir Path dir) throws Exception {
    Path runbook = dir.resolve("night.runbook");
    Files.writeString(runbook, """
        # First look at a node whose container starts stall.
        explain namespace_sem

        snapshot --window 0.2
          # what the hotspots mean
        explain osq_lock
        """);
    Launcher.Result r = Launcher.run("console", "--file", runbook.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("mountscope> explain namespace_sem\nnamespace_sem  (kernel symbol",
        "mountscope> snapshot --window 0.2\nverdict ", "mountscope> explain osq_lock\nosq_lock")
        .doesNotContain("First look");
    assertThat(r.err()).isEmpty();
  }

  @Test
  void a_runbook_with_a_bad_line_stops_there_with_its_line_number(@TempDir Path dir) throws Exception {
    Path runbook = dir.resolve("bad.runbook");
    Files.writeString(runbook, "# stops at line 4\nexplain osq_lock\n\nsnapshot --window 99\nexplain mount_lock\n");
    Launcher.Result r = Launcher.run("console", "--file", runbook.toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.errLines()).containsExactly(
        "mountscope snapshot: --window must be between 0 and 60 seconds, got 99.0",
        runbook + ":4: 'snapshot --window 99' failed with exit code 2; stopping here");
    assertThat(r.out()).contains("osq_lock  (kernel symbol").doesNotContain("mountscope> explain mount_lock");
  }

  @Test
  void commands_piped_into_the_console_run_as_a_runbook() throws Exception {
    Launcher.Result r = Launcher.exec(List.of("sh", "-c", "printf 'explain osq_lock\\nexplain no_such_topic\\nexplain mount_lock\\n' | "
        + Launcher.executable() + " console"), Map.of("MOUNTSCOPE_STATE_DIR", TestDirs.stateDir().toString()), 60);
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("<stdin>:2: 'explain no_such_topic' failed with exit code 2");
    assertThat(r.out()).contains("mountscope> explain osq_lock").doesNotContain("mountscope> explain mount_lock");
  }
}
