package io.mountscope.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mountscope.util.InputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Scenario files are checked like recipes: every mistake is one line, file:line, before anything is staged. */
class ScenarioFileTest {
  private static final Set<String> RECIPES = Set.of("idmap-strategy", "image-layers", "concurrency-knee");
  private static final String HEAD = "title: t\ndescription: d\nexplanation: e\nsenior: s\n";

  private static String error(String text) {
    try {
      ScenarioFile.parse("s.yaml", "s", text, RECIPES);
    } catch (InputException e) {
      return e.getMessage();
    }
    throw new AssertionError("accepted:\n" + text);
  }

  private static String question(String body) {
    return HEAD + "questions:\n  - id: q\n    prompt: p\n" + body;
  }

  @Test
  void every_built_in_scenario_loads() throws IOException {
    try (Stream<Path> s = Files.list(Path.of("recipes/training"))) {
      List<Path> files = s.toList();
      assertThat(files).hasSizeGreaterThanOrEqualTo(3);
      Set<String> recipes;
      try (Stream<Path> r = Files.list(Path.of("recipes"))) {
        recipes = Set.copyOf(r.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml"))
            .map(n -> n.replace(".yaml", "")).toList());
      }
      files.forEach(f -> assertThat(ScenarioFile.load(f, recipes).doc().questions()).isNotEmpty());
    }
  }

  @Test
  void mistakes_are_reported_at_their_line() {
    assertThat(error(HEAD + "questons: []\n")).startsWith("s.yaml:5: unknown key 'questons'");
    assertThat(error(question("    kind: symbol\n    answer: \"{locks.topCallr}\"\n")))
        .startsWith("s.yaml:9: question q: answer: unknown name 'locks.topCallr'");
    assertThat(error(question("    kind: guess\n    answer: x\n"))).isEqualTo("s.yaml:8: question q: unknown kind 'guess' (known: choice, number, recipe, symbol)");
    assertThat(error(question("    kind: number\n    tolerance: lots\n    answer: \"{mountActivity.totalRate}\"\n")))
        .startsWith("s.yaml:9: question q: tolerance:");
    assertThat(error(question("    kind: number\n    answer: \"{hotspots.topSymbol}\"\n")))
        .startsWith("s.yaml:9: question q: answer: '{hotspots.topSymbol}' is text");
    assertThat(error(question("    kind: recipe\n    answer: make-it-fast\n"))).startsWith("s.yaml:9: question q: no recipe 'make-it-fast'");
    assertThat(error(question("    kind: choice\n    choices: [a, b]\n    answer: c\n"))).startsWith("s.yaml:10: question q: answer 'c' is not one of the choices");
    assertThat(error(question("    kind: number\n    answer: \"{storm.syscallsPerStart}\"\n")))
        .startsWith("s.yaml:9: question q: answer: unknown name 'storm.syscallsPerStart'");
    assertThat(error(question("    kind: choice\n    choices: [a, b]\n    pick:\n      - {when: \"{cpus} > 1\", then: a}\n")))
        .startsWith("s.yaml:11: question q: pick: the last rule has no 'when'");
    assertThat(error(HEAD + "stage:\n  storm: {pattern: zigzag}\nquestions: []\n")).startsWith("s.yaml:6: stage: storm: unknown pattern 'zigzag'");
    assertThat(error(HEAD + "stage:\n  storm: {pattern: bind, layers: 900}\nquestions: []\n")).startsWith("s.yaml:6: stage: storm: layers: 900 is not 1 to 500");
    assertThat(error(HEAD + "questions: []\n")).startsWith("s.yaml:1: no questions");
    assertThat(error("title: t\n")).startsWith("s.yaml:1: missing 'description'");
  }

  @Test
  void points_shrink_with_each_wrong_answer_and_vanish_when_all_tries_are_wrong() {
    assertThat(Grader.points(10, 0, 3)).isEqualTo(10);
    assertThat(Grader.points(10, 1, 3)).isEqualTo(7);
    assertThat(Grader.points(10, 2, 3)).isEqualTo(3);
    assertThat(Grader.points(10, 3, 3)).isZero();
  }

  @Test
  void tolerance_is_a_share_or_an_amount() {
    Tolerance pct = Tolerance.parse("15%", InputException::new);
    assertThat(pct.accepts(50, 57)).isTrue();
    assertThat(pct.accepts(50, 58)).isFalse();
    assertThat(Tolerance.parse("25", InputException::new).accepts(3, 27)).isTrue();
    assertThatThrownBy(() -> Tolerance.parse("-1", InputException::new)).isInstanceOf(InputException.class);
  }

  @Test
  void symbols_match_without_their_offset_and_choices_by_number_or_prefix() {
    assertThat(Grader.symbol("namespace_unlock+0x289")).isEqualTo("namespace_unlock");
    Scenario s = ScenarioFile.parse("s.yaml", "s", question("    kind: choice\n    choices: [image-layers, idmap-strategy]\n"
        + "    answer: idmap-strategy\n"), RECIPES);
    Scenario.Ask q = s.doc().questions().get(0);
    assertThat(Grader.choice(q, "2")).isEqualTo("idmap-strategy");
    assertThat(Grader.choice(q, "idm")).isEqualTo("idmap-strategy");
    assertThat(Grader.choice(q, "i")).isNull();
  }
}
