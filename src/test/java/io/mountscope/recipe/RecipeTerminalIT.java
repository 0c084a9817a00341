package io.mountscope.recipe;

import static org.assertj.core.api.Assertions.assertThat;

import io.mountscope.journal.JournalEntry;
import io.mountscope.journal.Owner;
import io.mountscope.testing.KernelExclusive;
import io.mountscope.testing.Launcher;
import io.mountscope.testing.Prerequisites;
import io.mountscope.testing.Tmux;
import io.mountscope.util.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A person at a real terminal (tmux): a recipe asks before every change, Enter means no, and a
 * refusal, a Ctrl-C at a question or a Ctrl-C during a storm leaves the node as it was.
 */
class RecipeTerminalIT {
  private KernelExclusive quiet;
  private Map<String, String> before;
  private int journalLines;

  @BeforeEach
  void holdTheMachine() {
    Prerequisites.root();
    quiet = KernelExclusive.acquire();
    before = RecipeRuns.sysctls();
    journalLines = RecipeRuns.journal().entries().size();
  }

  @AfterEach
  void release() throws Exception {
    try {
      Launcher.run("recover");
      assertThat(RecipeRuns.sysctls()).isEqualTo(before);
    } finally {
      quiet.close();
    }
  }

  /** The recipe in a terminal; the wrapper shell survives Ctrl-C (a handler, not SIG_IGN, which the JVM would inherit). */
  private static Tmux recipe(String options) throws Exception {
    return Tmux.start(120, 40, "xterm-256color", "trap true INT; " + Launcher.executable() + " recipe run sysctl-tuning "
        + options);
  }

  private static Tmux sysctlTuning() throws Exception {
    return recipe("--set duration=0.5 --set layers=10");
  }

  /** How many questions the screen shows, and whether the last line is one waiting for its answer. */
  private static long asked(String screen) {
    return screen.lines().filter(l -> l.contains("[y/N]")).count();
  }

  private static boolean waiting(String screen) {
    return screen.stripTrailing().endsWith("[y/N]");
  }

  /** The journal lines this test added. */
  private List<JournalEntry> added() {
    List<JournalEntry> all = RecipeRuns.journal().entries();
    return all.subList(journalLines, all.size());
  }

  @Test
  void answering_no_or_just_enter_to_every_question_changes_nothing() throws Exception {
    try (Tmux t = sysctlTuning()) {
      int questions = 0;
      while (true) {
        int answered = questions;
        String screen = t.await(s -> s.contains("[exited") || waiting(s) && asked(s) > answered, 60,
            "question " + (answered + 1) + " or the end");
        if (screen.contains("[exited")) {
          assertThat(screen).contains("[exited 0]");
          break;
        }
        // Alternate an explicit no and a bare Enter: both are no.
        if (questions++ % 2 == 0) {
          t.send("n", "Enter");
        } else {
          t.send("Enter");
        }
      }
      String screen = t.screen();
      assertThat(questions).isGreaterThanOrEqualTo(1);
      assertThat(screen).contains("not changed: sysctl").doesNotContain("applied:").doesNotContain("measuring");
    }
    assertThat(added()).as("journal lines of a run where every answer was no").isEmpty();
    assertThat(RecipeRuns.sysctls()).isEqualTo(before);
  }

  @Test
  void the_console_starts_by_offering_to_roll_back_what_a_killed_run_left() throws Exception {
    // What a kill -9 leaves: the sysctl changed, and a journal line whose owner no longer runs.
    String key = "kernel.timer_migration";
    String was = before.get(key);
    String left = was.equals("0") ? "1" : "0";
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    String run = "recipe-t-" + gone.pid();
    String line = Json.line(new JournalEntry.Change(run + "/0", run, Instant.now().toString(), new Owner(gone.pid(), 1),
        "sysctl", key, was, left, "left by a killed recipe"));
    Files.writeString(RecipeRuns.journal().file(), line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    Files.writeString(Path.of("/proc/sys/" + key.replace('.', '/')), left);
    try (Tmux t = Tmux.start(120, 40, "xterm-256color", Launcher.executable() + " console")) {
      String screen = t.awaitText("Roll back this change now", 30);
      assertThat(screen).contains("Changes left by an interrupted run", "sysctl " + key + ": now " + left + ", was " + was,
          "Roll back this change now");
      t.send("y", "Enter");
      t.awaitText("mountscope>", 30);
      t.send("C-d");
      t.awaitText("[exited 0]", 30);
    }
    assertThat(RecipeRuns.sysctl(key)).as("the sysctl after the console's rollback").isEqualTo(was);
    assertThat(RecipeRuns.pending()).isEmpty();
    assertThat(added()).last().isInstanceOf(JournalEntry.Undone.class);
  }

  @Test
  void ctrl_c_at_a_question_stops_the_recipe_and_changes_nothing() throws Exception {
    try (Tmux t = sysctlTuning()) {
      t.await(RecipeTerminalIT::waiting, 60, "the first question");
      t.send("C-c");
      String screen = t.awaitText("[exited", 30);
      assertThat(screen).contains("[exited 130]");
    }
    assertThat(added()).isEmpty();
  }

  @Test
  void ctrl_c_during_the_storm_after_a_change_rolls_it_back() throws Exception {
    Map.Entry<String, String> target = RecipeRuns.SYSCTL_CANDIDATES.entrySet().stream()
        .filter(e -> !before.get(e.getKey()).equals(e.getValue())).findFirst().orElseThrow();
    try (Tmux t = recipe("--set duration=4 --set layers=10 --set threads=1")) {
      t.await(s -> waiting(s) && s.contains(target.getKey()), 60, "the question for " + target.getKey());
      t.send("y", "Enter");
      RecipeRuns.await(() -> RecipeRuns.sysctl(target.getKey()).equals(target.getValue()), 60, "the change");
      t.send("C-c");
      String screen = t.awaitText("[exited", 60);
      assertThat(screen).contains("[exited 130]").contains("rolled back");
    }
    assertThat(RecipeRuns.sysctl(target.getKey())).isEqualTo(before.get(target.getKey()));
    assertThat(RecipeRuns.pending()).isEmpty();
  }
}
