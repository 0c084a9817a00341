package io.mountscope.tui;

import static io.mountscope.tui.ScreenHarness.key;
import static org.assertj.core.api.Assertions.assertThat;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import io.mountscope.model.Model;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A recipe run from the dashboard ('r', Enter): it talks in a panel, asks with a key, and stops
 * with Esc. The recipe here changes only its own workload's concurrency cap (no storm, no root):
 * what is tested is the dialogue, not the kernel.
 */
class DashboardRecipeTest {
  private static final List<Model> STORM = Models.derive(StormRecording.samples(5));

  @TempDir
  Path dir;

  private ScreenHarness dashboard() throws Exception {
    Files.writeString(dir.resolve("cap.yaml"), """
        title: Cap the workload
        description: A recipe that asks before it caps its own workload.
        steps:
          - explain: This recipe caps the concurrent starts of its own workload.
          - apply:
              id: cap
              actuator: concurrency-cap
              target: workload
              value: 3
              why: Three starts at once keep p99 within its budget.
          - ask: {id: mode, question: "Which way?", choices: [fast, safe], default: safe}
          - ask: {id: budget, type: number, question: "Budget in ms?", default: 40}
          - explain: "You chose {mode}, within {budget} ms."
        """);
    ScreenHarness h = new ScreenHarness(120, 40, true, Theme.Depth.INDEXED, new ScreenHarness.ListSource(STORM, true),
        new DashboardOptions(false, true, dir, ZoneOffset.UTC));
    return h.feedAll();
  }

  /** Repaints until the screen satisfies {@code done} (the recipe runs on its own thread). */
  private static String await(ScreenHarness h, Predicate<String> done, String what) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      h.loop.paint(h.screen, h.now);
      String text = h.text();
      if (done.test(text)) {
        return text;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("timed out waiting for " + what + "; screen:\n" + h.text());
  }

  @Test
  void r_lists_the_recipes_and_enter_runs_one_that_asks_before_it_changes_anything() throws Exception {
    ScreenHarness h = dashboard();
    h.type("r");
    assertThat(h.text()).contains("> cap", "Enter runs it here");
    h.press(key(KeyType.Enter));
    String asked = await(h, s -> s.contains("Apply concurrency cap"), "the first question");
    assertThat(asked).contains("Recipe cap: running", "This recipe caps the concurrent starts", "Three starts at once",
        "Apply concurrency cap of the measured workload: none -> 3?", "y  yes", "no (the default)");
    h.type("y");
    String choice = await(h, s -> s.contains("Which way?"), "the choice");
    assertThat(choice).contains("applied: concurrency cap", "arrows choose");
    h.press(key(KeyType.ArrowLeft), key(KeyType.Enter)); // from safe (the default) to fast
    String budget = await(h, s -> s.contains("Budget in ms?"), "the value to type");
    assertThat(budget).contains("Enter: 40 (the default)");
    h.type("x");
    h.press(key(KeyType.Backspace));
    h.type("25.5");
    h.press(key(KeyType.Enter));
    String keep = await(h, s -> s.contains("Keep this change?"), "the keep question");
    assertThat(keep).contains("You chose fast, within 25.5 ms.");
    h.press(key(KeyType.Enter)); // Enter is no: the cap is lifted
    String done = await(h, s -> s.contains("finished: completed"), "the end");
    assertThat(done).contains("rolled back: workload: cap none", "Esc  closes");
    h.press(key(KeyType.Escape));
    assertThat(h.text()).doesNotContain("Recipe cap");
  }

  @Test
  void esc_at_a_question_stops_the_recipe_and_nothing_was_changed() throws Exception {
    ScreenHarness h = dashboard();
    h.type("r");
    h.press(key(KeyType.Enter));
    await(h, s -> s.contains("Apply concurrency cap"), "the first question");
    h.press(key(KeyType.Escape));
    String done = await(h, s -> s.contains("finished: interrupted"), "the stop");
    assertThat(done).doesNotContain("applied:");
  }

  @Test
  void ctrl_c_while_a_recipe_runs_stops_the_recipe_not_the_dashboard() throws Exception {
    ScreenHarness h = dashboard();
    h.type("r");
    h.press(key(KeyType.Enter));
    await(h, s -> s.contains("Apply concurrency cap"), "the first question");
    h.type("y");
    await(h, s -> s.contains("Which way?"), "the choice");
    assertThat(h.press(new KeyStroke('c', true, false))).isNull();
    String done = await(h, s -> s.contains("finished: interrupted"), "the stop");
    assertThat(done).contains("rolled back");
  }

  @Test
  void d_runs_a_dry_run_that_says_what_it_would_change() throws Exception {
    ScreenHarness h = dashboard();
    h.type("rd");
    String done = await(h, s -> s.contains("finished: dry-run"), "the dry run");
    assertThat(done).contains("(dry run)", "would change: concurrency cap of the measured workload: none -> 3");
  }
}
