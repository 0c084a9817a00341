package io.mountscope.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mountscope.cli.Cli;
import io.mountscope.util.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** explain as a command: the manual for one topic, the list, and a clear error for a typo. */
class ExplainCommandTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @AfterEach
  void forgetHome() {
    System.clearProperty("mountscope.home");
  }

  private int run(String... args) {
    CommandLine cl = Cli.create();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    return cl.execute(args);
  }

  @Test
  void explain_namespace_sem_says_what_why_and_next() {
    assertThat(run("explain", "namespace_sem")).isZero();
    assertThat(out.toString()).startsWith("namespace_sem  (kernel symbol, family mount-lock)")
        .contains("What it is", "Why it matters here", "What to do next", "See also: namespace_unlock");
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void a_misspelt_topic_is_exit_2_with_the_nearest_topics_in_one_line() {
    assertThat(run("explain", "namespce_sem")).isEqualTo(2);
    assertThat(err.toString().lines()).containsExactly(
        "mountscope explain: no topic 'namespce_sem'; nearest: namespace_sem, namespace_lock, namespace_unlock ('explain' lists them all)");
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void explain_alone_lists_the_topics_by_kind() {
    assertThat(run("explain")).isZero();
    assertThat(out.toString()).contains("kernel symbols", "lock families", "verdicts", "recipes", "metrics",
        "sysctls and kernel knobs", "stress patterns", "osq_lock", "idmap-strategy");
  }

  @Test
  void json_gives_the_topic_fields() throws Exception {
    assertThat(run("explain", "--json", "fs.mount-max")).isZero();
    JsonNode t = Json.mapper().readTree(out.toString());
    assertThat(t.get("name").asText()).isEqualTo("fs.mount-max");
    assertThat(t.get("kind").asText()).isEqualTo("sysctl");
    assertThat(t.get("what").asText()).contains("100000");
  }

  @Test
  void a_recipe_file_of_this_install_is_a_topic_with_its_own_description(@TempDir Path home) throws Exception {
    Files.createDirectories(home.resolve("recipes"));
    Files.writeString(home.resolve("recipes/storm-drill.yaml"), "description: A drill for the night shift.\nsteps: []\n");
    System.setProperty("mountscope.home", home.toString());
    assertThat(run("explain", "storm-drill")).isZero();
    assertThat(out.toString().replaceAll("\\s+", " ")).contains("storm-drill (recipe)", "A drill for the night shift.",
        "recipe run storm-drill");
    out.getBuffer().setLength(0);
    assertThat(run("explain")).isZero();
    assertThat(out.toString()).contains("storm-drill");
  }
}
