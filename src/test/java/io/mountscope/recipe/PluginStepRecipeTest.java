package io.mountscope.recipe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mountscope.journal.ChangeJournal;
import io.mountscope.recipe.actuator.Actuators;
import io.mountscope.recipe.operator.Answers;
import io.mountscope.recipe.operator.ScriptedOperator;
import io.mountscope.recipe.stats.Effect;
import io.mountscope.util.InputException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plugin's step kind in recipes, without a plugin jar: checked like a built-in step (file:line),
 * its outputs published for conditions and compared before against after, and a failing one
 * rolling back what the recipe changed.
 */
class PluginStepRecipeTest {
  @TempDir
  Path dir;

  private final StringWriter transcript = new StringWriter();

  /** "cpu-share": returns the share its "level" argument names, with samples around it; "level: -1" throws. */
  private static final class CpuShare implements StepKind {
    @Override
    public String name() {
      return "cpu-share";
    }

    @Override
    public String plugin() {
      return "test";
    }

    @Override
    public String describe() {
      return "a CPU share";
    }

    @Override
    public List<Argument> arguments() {
      return List.of(new Argument("level", Type.NUMBER, true, "the share to return"),
          new Argument("seconds", Type.NUMBER, false, "the window"));
    }

    @Override
    public List<Output> outputs() {
      return List.of(new Output("share", "CPUs", ""), new Output("peak", "CPUs", ""));
    }

    @Override
    public void check(Map<String, Object> values, Set<String> given) {
      if (values.get("seconds") instanceof Double s && (s < 0.5 || s > 10)) {
        throw new Invalid("seconds", "must be between 0.5 and 10");
      }
    }

    @Override
    public List<Reading> run(String id, Map<String, Object> args, Map<String, Object> values, Consumer<String> say,
        BooleanSupplier cancelled) {
      double level = (Double) args.get("level");
      if (level < 0) {
        throw new IllegalStateException("cpu-share (plugin test) failed: no such level");
      }
      say.accept("reading at " + level);
      List<Double> samples = List.of(level * 0.9, level, level * 1.1, level, level * 0.95, level * 1.05);
      return List.of(new Reading("share", level, samples), new Reading("peak", level * 1.1, List.of()));
    }
  }

  private final StepKinds kinds = new StepKinds(List.of(new CpuShare()));

  private Recipe load(String body) throws Exception {
    Path f = dir.resolve("r.yaml");
    Files.writeString(f, "title: t\ndescription: d\n" + body);
    Recipe r = RecipeFile.parse(f.toString(), "r", Files.readString(f));
    RecipeCheck.check(r, Set.of("file"), kinds);
    return r;
  }

  private void refused(String body, int line, String message) {
    Path f = dir.resolve("r.yaml");
    assertThatThrownBy(() -> load(body)).isInstanceOf(InputException.class).hasMessage(f + ":" + line + ": " + message);
  }

  private RecipeEngine.Result run(Recipe r, Map<String, String> sets) throws Exception {
    Files.writeString(dir.resolve("setting"), "old");
    Actuators actuators = Actuators.standard().with(new FileSetting(dir));
    ScriptedOperator op = new ScriptedOperator(new PrintWriter(transcript, true), true, Answers.none(), false, 100);
    return new RecipeEngine(r, op, new RecipeEngine.Options(false, sets, null), actuators, kinds,
        ChangeJournal.open(dir.resolve("journal.jsonl"))).run();
  }

  @Test
  void a_plugin_step_is_checked_like_a_built_in_one_at_its_line() {
    refused("steps:\n  - cpu-shares: {id: a, level: 1}\n", 4, "unknown step 'cpu-shares': no loaded plugin provides it "
        + "(known: explain, check, inventory, measure, sweep, apply, trial, compare, ask, rollback, leaked-mounts, "
        + "cpu-share; `mountscope plugins` lists what each plugin adds)");
    refused("steps:\n  - cpu-share:\n      id: a\n      level: 1\n      secs: 2\n", 7,
        "unknown key 'secs' (known: id, level, seconds, when)");
    refused("steps:\n  - cpu-share: {id: a}\n", 4, "cpu-share 'a': missing 'level' (the share to return)");
    refused("steps:\n  - cpu-share: {level: 1}\n", 4, "cpu-share: missing 'id' (later steps name its outputs)");
    refused("steps:\n  - cpu-share:\n      id: a\n      level: lots\n", 6,
        "cpu-share 'a': level: expected a number, got text ('lots')");
    refused("steps:\n  - cpu-share:\n      id: a\n      level: 1\n      seconds: 60\n", 7,
        "cpu-share 'a': seconds: must be between 0.5 and 10");
    refused("parameters:\n  w: {type: number, default: 20, help: window}\nsteps:\n  - cpu-share:\n      id: a\n"
        + "      level: 1\n      seconds: \"{w}\"\n", 9, "cpu-share 'a': seconds: must be between 0.5 and 10");
    refused("steps:\n  - cpu-share: {id: a, level: 1}\n  - cpu-share: {id: b, level: 1}\n"
        + "  - compare: {before: a, after: b, metric: p99}\n", 6,
        "compare: metric: cpu-share has no output 'p99' (outputs: share, peak)");
    refused("steps:\n  - cpu-share: {id: a, level: 1}\n  - explain: {text: x, when: \"{a.shares} > 1\"}\n", 5,
        "explain: when: unknown name 'a.shares' (known: cpus, numa-nodes, smt-control, kernel, a.share, a.peak)");
  }

  @Test
  void a_value_from_set_is_checked_by_the_plugin_before_anything_runs() throws Exception {
    Recipe r = load("parameters:\n  w: {type: number, default: 2, help: window}\nsteps:\n"
        + "  - apply: {id: change, actuator: file, target: setting, value: new}\n"
        + "  - cpu-share: {id: a, level: 1, seconds: \"{w}\"}\n");
    assertThatThrownBy(() -> run(r, Map.of("w", "30"))).isInstanceOf(InputException.class)
        .hasMessage(dir.resolve("r.yaml") + ":7: cpu-share 'a': seconds: must be between 0.5 and 10");
    assertThat(Files.exists(dir.resolve("journal.jsonl")) ? ChangeJournal.open(dir.resolve("journal.jsonl")).entries()
        : List.of()).isEmpty();
  }

  @Test
  void outputs_are_published_for_conditions_and_compared_before_against_after() throws Exception {
    Recipe r = load("steps:\n  - cpu-share: {id: before, level: 0.8}\n"
        + "  - apply: {id: change, actuator: file, target: setting, value: new}\n"
        + "  - cpu-share: {id: after, level: \"{before.share / 4}\"}\n"
        + "  - compare: {id: cpu, before: before, after: after}\n"
        + "  - explain: {text: \"calmer by {cpu.ratio}\", when: \"{after.peak} < {before.share}\"}\n"
        + "  - explain: {text: \"never said\", when: \"{cpu.verdict} != better\"}\n");
    RecipeEngine.Result res = run(r, Map.of());
    assertThat(res.failure()).isNull();
    RunReport rep = res.report();
    assertThat(rep.readings()).extracting(RunReport.ReadingEntry::id).containsExactly("before", "after");
    assertThat(rep.readings().get(1).outputs().get(0).value()).isEqualTo(0.2);
    assertThat(rep.readings().get(1).outputs().get(0).unit()).isEqualTo("CPUs");
    RunReport.ComparisonEntry c = rep.comparisons().get(0);
    assertThat(c.statistics()).isNull();
    assertThat(c.verdict()).isEqualTo(Effect.BETTER);
    assertThat(c.outputs()).extracting(RunReport.OutputRow::name).containsExactly("share", "peak");
    assertThat(c.outputs().get(0).ratio()).isEqualTo(0.25);
    assertThat(transcript.toString()).contains("reading at 0.8", "reading at 0.2", "calmer by 0.25")
        .doesNotContain("never said");
    assertThat(ReportWriter.markdown(rep)).contains("| after | cpu-share | test | share | 0.2000 | CPUs | 6 |");
  }

  @Test
  void a_failing_plugin_step_fails_the_run_and_rolls_back_the_recipes_change() throws Exception {
    Recipe r = load("steps:\n  - apply: {id: change, actuator: file, target: setting, value: new}\n"
        + "  - cpu-share: {id: a, level: -1}\n");
    RecipeEngine.Result res = run(r, Map.of());
    assertThat(res.failure()).hasMessage("cpu-share (plugin test) failed: no such level");
    assertThat(res.report().outcome()).isEqualTo(RunReport.FAILED);
    assertThat(Files.readString(dir.resolve("setting"))).isEqualTo("old");
    assertThat(res.report().changes()).extracting(RunReport.Change::status).containsExactly("rolled back");
  }
}
