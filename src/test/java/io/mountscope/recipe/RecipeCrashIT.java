package io.mountscope.recipe;

import static org.assertj.core.api.Assertions.assertThat;

import io.mountscope.journal.JournalEntry;
import io.mountscope.journal.Recovery;
import io.mountscope.recipe.actuator.Actuators;
import io.mountscope.recipe.operator.Answers;
import io.mountscope.recipe.operator.ScriptedOperator;
import io.mountscope.testing.Background;
import io.mountscope.testing.KernelExclusive;
import io.mountscope.testing.Launcher;
import io.mountscope.testing.Prerequisites;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A recipe killed between changing a sysctl and rolling it back: kill -9 leaves the change in
 * the journal, and recover (or the console's offer at start) puts the old value back; SIGTERM
 * rolls back before the process ends. Each value is checked by reading /proc/sys.
 */
class RecipeCrashIT {
  @TempDir
  Path dir;

  private KernelExclusive quiet;
  private Map<String, String> before;

  @BeforeEach
  void holdTheMachine() {
    Prerequisites.root();
    quiet = KernelExclusive.acquire();
    before = RecipeRuns.sysctls();
  }

  @AfterEach
  void release() throws Exception {
    try {
      // Whatever happened, the node gets its values back.
      Launcher.run("recover");
      assertThat(RecipeRuns.sysctls()).isEqualTo(before);
    } finally {
      quiet.close();
    }
  }

  /** The first candidate sysctl-tuning will change on this node, and the value it writes. */
  private Map.Entry<String, String> firstChanged() {
    return RecipeRuns.SYSCTL_CANDIDATES.entrySet().stream().filter(e -> !before.get(e.getKey()).equals(e.getValue()))
        .findFirst().orElseThrow(() -> new AssertionError("every candidate already has its value: " + before));
  }

  /** Starts sysctl-tuning with long storms and waits until its first change is in place. */
  private Background changedAndMeasuring(Map.Entry<String, String> target) throws Exception {
    Background run = Background.launcher(Map.of(), "recipe", "run", "sysctl-tuning", "--yes", "--set", "duration=2",
        "--set", "layers=10", "--set", "threads=1");
    RecipeRuns.await(() -> RecipeRuns.sysctl(target.getKey()).equals(target.getValue()), 90,
        target.getKey() + " to read " + target.getValue());
    return run;
  }

  @Test
  void kill_9_after_a_sysctl_change_then_recover_restores_the_value_read_back_from_proc() throws Exception {
    Map.Entry<String, String> target = firstChanged();
    Background run = changedAndMeasuring(target);
    new ProcessBuilder("kill", "-KILL", Long.toString(run.pid())).start().waitFor();
    assertThat(run.await(30)).isEqualTo(137);
    assertThat(RecipeRuns.sysctl(target.getKey())).isEqualTo(target.getValue());
    List<JournalEntry.Change> left = RecipeRuns.pending();
    assertThat(left).singleElement().satisfies(c -> {
      assertThat(c.kind()).isEqualTo("sysctl");
      assertThat(c.target()).isEqualTo(target.getKey());
      assertThat(c.oldValue()).isEqualTo(before.get(target.getKey()));
      assertThat(c.owner().pid()).isEqualTo(run.pid());
    });

    // The console's start offers it first; a no leaves it as it is.
    StringWriter said = new StringWriter();
    Path no = Files.writeString(dir.resolve("no.yaml"), "recover: no\n");
    Recovery.Outcome declined = RecoverOffer.offer(new ScriptedOperator(new PrintWriter(said, true), false,
        Answers.load(no), false, 100), RecipeRuns.journal(), Actuators.standard());
    assertThat(declined.nothing()).isTrue();
    assertThat(said.toString()).contains("sysctl " + target.getKey() + ": now " + target.getValue() + ", was "
        + before.get(target.getKey()));
    assertThat(RecipeRuns.sysctl(target.getKey())).isEqualTo(target.getValue());

    Launcher.Result dry = Launcher.run("recover", "--dry-run");
    assertThat(dry.out()).contains("would undo", "sysctl", target.getKey());
    assertThat(RecipeRuns.sysctl(target.getKey())).isEqualTo(target.getValue());

    Launcher.Result recovered = Launcher.run("recover");
    assertThat(recovered.exitCode()).isZero();
    assertThat(recovered.out()).contains("undone", target.getKey(), "restored " + before.get(target.getKey()));
    assertThat(RecipeRuns.sysctl(target.getKey())).isEqualTo(before.get(target.getKey()));
    assertThat(RecipeRuns.pending()).isEmpty();
  }

  @Test
  void sigterm_during_the_after_storm_rolls_the_sysctl_back_before_the_process_ends() throws Exception {
    Map.Entry<String, String> target = firstChanged();
    Background run = changedAndMeasuring(target);
    new ProcessBuilder("kill", "-TERM", Long.toString(run.pid())).start().waitFor();
    assertThat(run.await(60)).isEqualTo(143);
    assertThat(RecipeRuns.sysctl(target.getKey())).isEqualTo(before.get(target.getKey()));
    assertThat(RecipeRuns.pending()).isEmpty();
    assertThat(run.out()).contains("interrupted", "rolled back");
  }

  @Test
  void the_console_offer_rolls_back_on_a_yes() throws Exception {
    Map.Entry<String, String> target = firstChanged();
    Background run = changedAndMeasuring(target);
    new ProcessBuilder("kill", "-KILL", Long.toString(run.pid())).start().waitFor();
    run.await(30);
    Path yes = Files.writeString(dir.resolve("yes.yaml"), "recover: yes\n");
    Recovery.Outcome o = RecoverOffer.offer(new ScriptedOperator(new PrintWriter(new StringWriter(), true), false,
        Answers.load(yes), false, 100), RecipeRuns.journal(), Actuators.standard());
    assertThat(o.undone()).singleElement().satisfies(l -> assertThat(l.target()).isEqualTo(target.getKey()));
    assertThat(RecipeRuns.sysctl(target.getKey())).isEqualTo(before.get(target.getKey()));
  }
}
