package io.mountscope.recipe;

import static org.assertj.core.api.Assertions.assertThat;

import io.mountscope.journal.ChangeJournal;
import io.mountscope.recipe.actuator.Actuators;
import io.mountscope.recipe.operator.Answers;
import io.mountscope.recipe.operator.Cancelled;
import io.mountscope.recipe.operator.ScriptedOperator;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine without storms: a setting kept in a file stands in for a sysctl, so that consent,
 * journaling, rollback on failure, the keep question and dry runs can be checked exactly.
 */
class RecipeEngineTest {
  @TempDir
  Path dir;

  private final StringWriter transcript = new StringWriter();

  private ChangeJournal journal() {
    return ChangeJournal.open(dir.resolve("journal.jsonl"));
  }

  private RecipeEngine.Result run(String steps, Answers answers, boolean yes, boolean dryRun) throws Exception {
    Files.writeString(dir.resolve("setting"), "old");
    String text = "title: t\ndescription: d\nsteps:\n" + steps;
    Recipe r = RecipeFile.parse(dir.resolve("r.yaml").toString(), "r", text);
    Actuators actuators = Actuators.standard().with(new FileSetting(dir));
    RecipeCheck.check(r, actuators.names());
    ScriptedOperator op = new ScriptedOperator(new PrintWriter(transcript, true), yes, answers, false, 100);
    return new RecipeEngine(r, op, new RecipeEngine.Options(dryRun, Map.of(), null), actuators, journal()).run();
  }

  private String setting() throws Exception {
    return Files.readString(dir.resolve("setting"));
  }

  private static final String APPLY = "  - apply: {id: change, actuator: file, target: setting, value: new}\n";

  @Test
  void without_a_yes_nothing_changes_and_nothing_is_journaled() throws Exception {
    RecipeEngine.Result r = run(APPLY, Answers.none(), false, false);
    assertThat(setting()).isEqualTo("old");
    assertThat(journal().entries()).isEmpty();
    assertThat(r.report().changes()).extracting(RunReport.Change::status).containsExactly("declined");
    assertThat(r.report().answers()).extracting(RunReport.AnswerEntry::source).containsExactly("default");
  }

  @Test
  void a_kept_change_stays_and_the_journal_says_kept() throws Exception {
    RecipeEngine.Result r = run(APPLY, Answers.none(), true, false);
    assertThat(setting()).isEqualTo("new");
    assertThat(r.report().outcome()).isEqualTo(RunReport.COMPLETED);
    assertThat(r.report().changes()).extracting(RunReport.Change::status).containsExactly("kept");
    assertThat(journal().pending()).isEmpty();
    assertThat(journal().entries()).extracting(e -> e.getClass().getSimpleName()).containsExactly("Change", "Kept");
  }

  @Test
  void answering_no_at_the_end_rolls_back_what_was_applied() throws Exception {
    Path answers = Files.writeString(dir.resolve("answers.yaml"), "change: yes\nkeep: no\n");
    RecipeEngine.Result r = run(APPLY, Answers.load(answers), false, false);
    assertThat(setting()).isEqualTo("old");
    assertThat(r.report().changes()).extracting(RunReport.Change::status).containsExactly("rolled back");
    assertThat(journal().pending()).isEmpty();
    assertThat(transcript.toString()).contains("? Apply file setting -> new? [y/N] -> yes (answers file)");
  }

  @Test
  void a_step_that_fails_rolls_back_every_change_already_made() throws Exception {
    Files.writeString(dir.resolve("other"), "first");
    RecipeEngine.Result r = run(APPLY + "  - apply: {id: broken, actuator: file, target: other, value: fail}\n",
        Answers.none(), true, false);
    assertThat(r.report().outcome()).isEqualTo(RunReport.FAILED);
    assertThat(r.failure()).hasMessage("device busy");
    assertThat(setting()).isEqualTo("old");
    assertThat(Files.readString(dir.resolve("other"))).isEqualTo("first");
    assertThat(journal().pending()).isEmpty();
  }

  @Test
  void a_dry_run_reads_the_old_value_says_what_it_would_write_and_writes_nothing() throws Exception {
    RecipeEngine.Result r = run(APPLY, Answers.none(), true, true);
    assertThat(setting()).isEqualTo("old");
    assertThat(journal().entries()).isEmpty();
    assertThat(r.report().outcome()).isEqualTo(RunReport.DRY_RUN);
    assertThat(r.report().changes()).singleElement().satisfies(c -> {
      assertThat(c.status()).isEqualTo("would apply");
      assertThat(c.oldValue()).isEqualTo("old");
      assertThat(c.newValue()).isEqualTo("new");
    });
    assertThat(transcript.toString()).contains("would change: file setting -> new");
  }

  @Test
  void conditions_follow_answers_and_passed_over_steps_publish_false() throws Exception {
    String steps = "  - ask: {id: mode, question: which, choices: [fast, safe], default: safe}\n"
        + "  - apply: {id: change, when: \"{mode} == fast\", actuator: file, target: setting, value: new}\n"
        + "  - explain: {text: \"not applied\", when: \"{change.applied} == false\"}\n";
    RecipeEngine.Result r = run(steps, Answers.none(), true, false);
    assertThat(setting()).isEqualTo("old");
    assertThat(r.report().steps()).extracting(RunReport.StepEntry::status).containsExactly("done", "passed over", "done");
    assertThat(transcript.toString()).contains("not applied");
  }

  @Test
  void a_typed_value_is_checked_against_its_type_and_an_answers_file_is_checked_before_the_run() throws Exception {
    String steps = "  - ask: {id: budget, type: number, question: \"budget?\", default: 40}\n"
        + "  - explain: \"budget {budget * 2}\"\n";
    Path good = Files.writeString(dir.resolve("good.yaml"), "budget: 12.5\n");
    run(steps, Answers.load(good), false, false);
    assertThat(transcript.toString()).contains("? budget? [40] -> 12.5 (answers file)", "budget 25");
    Recipe r = RecipeFile.parse("r.yaml", "r", "title: t\ndescription: d\nsteps:\n" + steps);
    RecipeCheck.check(r);
    assertThat(RecipeCheck.textQuestions(r)).containsEntry("budget", Type.NUMBER);
    Path bad = Files.writeString(dir.resolve("bad.yaml"), "budget: lots\n");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Answers.load(bad).check("r", RecipeCheck.questions(r),
        Map.of("budget", v -> Type.NUMBER.parse(v) == null ? "'" + v + "' is not a number" : null)))
        .hasMessage(bad + ":1: budget: 'lots' is not a number");
  }

  @Test
  void a_cancel_from_another_thread_rolls_back_and_ends_interrupted() throws Exception {
    Files.writeString(dir.resolve("setting"), "old");
    Recipe r = RecipeFile.parse("r.yaml", "r", "title: t\ndescription: d\nsteps:\n" + APPLY
        + "  - ask: {id: wait, question: go on}\n");
    Actuators actuators = Actuators.standard().with(new FileSetting(dir));
    RecipeCheck.check(r, actuators.names());
    RecipeEngine[] engine = new RecipeEngine[1];
    ScriptedOperator op = new ScriptedOperator(new PrintWriter(transcript, true), true, Answers.none(), false, 100) {
      @Override
      public io.mountscope.recipe.operator.Answer answer(io.mountscope.recipe.operator.Question q) {
        if (q.id().equals("wait")) {
          engine[0].cancel("stopped by the dashboard");
        }
        return super.answer(q);
      }
    };
    engine[0] = new RecipeEngine(r, op, new RecipeEngine.Options(false, Map.of(), null), actuators, journal());
    RecipeEngine.Result result = engine[0].run();
    assertThat(result.failure()).isInstanceOf(Cancelled.class);
    assertThat(result.report().outcome()).isEqualTo(RunReport.INTERRUPTED);
    assertThat(Files.readString(dir.resolve("setting"))).isEqualTo("old");
    assertThat(journal().pending()).isEmpty();
  }
}
