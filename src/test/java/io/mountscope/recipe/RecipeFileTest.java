package io.mountscope.recipe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mountscope.util.InputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A broken recipe is refused before anything runs, with the file and line of the mistake. */
class RecipeFileTest {
  @TempDir
  Path dir;

  private static final String HEAD = """
      title: t
      description: d
      parameters:
        threads: {type: int, default: 2, min: 1, max: 64, help: starts at once}
      workloads:
        storm:
          stress: {pattern: bind, threads: "{threads}", duration: 0.2}
      steps:
      """;

  private Path write(String body) throws Exception {
    Path f = dir.resolve("r.yaml");
    Files.writeString(f, body);
    return f;
  }

  private void refused(String body, int line, String message) throws Exception {
    Path f = write(body);
    assertThatThrownBy(() -> RecipeFile.load(f)).isInstanceOf(InputException.class)
        .hasMessage(f + ":" + line + ": " + message);
  }

  @Test
  void every_built_in_recipe_loads_and_checks() {
    RecipeLibrary lib = new RecipeLibrary(Path.of("recipes").toAbsolutePath());
    assertThat(lib.names()).containsExactlyInAnyOrder("mount-storm", "idmap-strategy", "concurrency-knee",
        "sysctl-tuning", "smt-toggle", "numa-placement", "image-layers", "mountinfo-cost");
    for (RecipeLibrary.Entry e : lib.list()) {
      assertThat(e.error()).as(e.name()).isNull();
      assertThat(e.title()).as(e.name()).isNotBlank();
    }
  }

  @Test
  void an_unknown_key_in_a_step_names_the_keys_it_knows() throws Exception {
    refused(HEAD + "  - measure: {id: a, workload: storm, lable: x}\n", 9,
        "unknown key 'lable' (known: id, label, set, when, workload)");
  }

  @Test
  void an_unknown_step_kind_lists_the_kinds() throws Exception {
    refused(HEAD + "  - explain: hi\n  - measur: {id: a}\n", 10, "unknown step 'measur': no loaded plugin provides it (known: explain, check, inventory, "
        + "measure, sweep, apply, trial, compare, ask, rollback, leaked-mounts; `mountscope plugins` lists what each plugin adds)");
  }

  @Test
  void a_list_where_a_value_belongs_is_a_wrong_type() throws Exception {
    refused(HEAD + "  - measure:\n      id: a\n      workload: [storm]\n", 11,
        "bad value for 'workload': expected a single value (text or a number)");
  }

  @Test
  void a_missing_field_is_named() throws Exception {
    refused(HEAD + "  - measure: {id: a}\n", 9, "measure 'a': missing 'workload'");
  }

  @Test
  void an_unknown_actuator_lists_the_actuators() throws Exception {
    refused(HEAD + "  - apply:\n      id: a\n      actuator: sysctll\n      target: kernel.x\n      value: 1\n", 11,
        "apply 'a': unknown actuator 'sysctll' (known: sysctl, smt, cpu-affinity, umount, concurrency-cap)");
  }

  @Test
  void a_reference_to_an_unknown_parameter_is_an_error_at_its_line() throws Exception {
    refused(HEAD.replace("\"{threads}\"", "\"{thread}\"") + "  - measure: {id: a, workload: storm}\n", 7,
        "measure 'a': workload storm: unknown name 'thread' (known: cpus, numa-nodes, smt-control, kernel, threads)");
  }

  @Test
  void yaml_that_does_not_parse_says_what_the_parser_expected() throws Exception {
    refused(HEAD + "  - ask: {id: q, question: go?}\n", 9,
        "not valid YAML: while parsing a flow mapping: expected ',' or '}', but got ?");
  }

  @Test
  void a_value_of_the_wrong_type_for_its_field() throws Exception {
    refused(HEAD + "  - ask: {id: q, question: \"ok?\"}\n  - measure: {id: a, workload: storm, set: {threads: \"{q}\"}}\n",
        7, "measure 'a': workload storm: expected an integer, got text ('{threads}')");
  }

  @Test
  void a_condition_on_a_later_step_is_unknown_here() throws Exception {
    refused(HEAD + "  - explain: {text: hi, when: \"{b.verdict} == better\"}\n", 9,
        "explain: when: unknown name 'b.verdict' (known: cpus, numa-nodes, smt-control, kernel, threads)");
  }

  @Test
  void a_comparison_of_something_never_measured() throws Exception {
    refused(HEAD + "  - measure: {id: a, workload: storm}\n  - compare: {before: a, after: b}\n", 10,
        "compare: after: 'b' is not the id of an earlier measure step");
  }

  @Test
  void a_yes_no_question_cannot_default_to_yes() throws Exception {
    refused(HEAD + "  - ask: {id: q, question: \"go?\", default: yes}\n", 9,
        "ask 'q': a yes/no question defaults to no (nothing changes without a yes)");
  }

  @Test
  void yaml_syntax_errors_and_duplicate_keys_have_lines() throws Exception {
    Path f = write(HEAD + "  - explain: \"unclosed\n");
    assertThatThrownBy(() -> RecipeFile.load(f)).hasMessageStartingWith(f + ":").hasMessageContaining("not valid YAML");
    refused("title: a\ntitle: b\ndescription: d\nsteps: [{explain: x}]\n", 2, "duplicate key: 'title'");
  }

  @Test
  void a_parameter_default_outside_its_bounds_is_refused() throws Exception {
    refused(HEAD.replace("default: 2,", "default: 99,") + "  - explain: x\n", 4, "default of threads: threads must be at most 64");
  }

  @Test
  void set_values_are_typed_and_checked() throws Exception {
    Recipe r = RecipeFile.load(write(HEAD + "  - explain: x\n"));
    assertThat(Params.resolve(r, Map.of("threads", "8"), Facts.read())).containsEntry("threads", 8L);
    assertThatThrownBy(() -> Params.resolve(r, Map.of("threads", "eight"), Facts.read()))
        .hasMessage("--set threads=eight: expected an integer");
    assertThatThrownBy(() -> Params.resolve(r, Map.of("threads", "65"), Facts.read()))
        .hasMessage("--set threads=65: threads must be at most 64");
    assertThatThrownBy(() -> Params.resolve(r, Map.of("layers", "5"), Facts.read()))
        .hasMessage("--set layers: recipe r has no parameter 'layers' (parameters: threads)");
  }

  @Test
  void a_recipe_lists_its_questions_for_answers_files() throws Exception {
    Recipe r = RecipeFile.load(write(HEAD + "  - apply: {id: cap, actuator: concurrency-cap, target: workload, value: 2}\n"
        + "  - ask: {id: pick, question: \"which?\", choices: [a, b], default: a}\n"));
    assertThat(RecipeCheck.questions(r)).isEqualTo(Map.of("cap", List.of(), "pick", List.of("a", "b"), "keep", List.of()));
  }
}
