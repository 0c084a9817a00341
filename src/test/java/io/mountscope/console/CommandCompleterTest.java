package io.mountscope.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.jline.reader.Candidate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Tab completion over the real command tree, and over commands other issues will add. */
class CommandCompleterTest {
  private final CommandSpec console = CommandTree.create(new RecordingControl()).getCommandSpec();

  @AfterEach
  void forgetHome() {
    System.clearProperty("mountscope.home");
  }

  /** Candidates for the last word of {@code line} (split on spaces, the cursor at the end). */
  private static List<String> complete(CommandSpec root, String line) {
    List<String> words = Arrays.asList(line.split(" ", -1));
    String typed = words.get(words.size() - 1);
    return new CommandCompleter(root).complete(words, words.size() - 1, typed).stream()
        .map(Candidate::value).filter(v -> v.startsWith(typed)).toList();
  }

  @Test
  void a_command_completes_from_its_first_letters() {
    assertThat(complete(console, "snap")).containsExactly("snapshot");
    assertThat(complete(console, "ex")).containsExactlyInAnyOrder("explain", "exit");
    assertThat(complete(console, "")).contains("doctor", "snapshot", "explain", "dash", "history", "clear", "exit", "help")
        .doesNotContain("console", "cds-training");
  }

  @Test
  void an_option_completes_and_one_already_given_is_not_offered_again() {
    assertThat(complete(console, "snapshot --w")).containsExactly("--window");
    assertThat(complete(console, "snapshot --json --")).contains("--window").doesNotContain("--json");
  }

  @Test
  void the_commands_of_the_storm_and_containerd_issues_complete_their_values() {
    assertThat(complete(console, "stress --pattern ")).containsExactly("bind", "overlay", "idmap-per-layer",
        "idmap-common-parent", "custom");
    CommandSpec stress = console.subcommands().get("stress").getCommandSpec();
    CommandSpec startups = console.subcommands().get("startups").getCommandSpec();
    assertThat(ValueSources.ruleFor(stress, stress.findOption("--file"))).isEqualTo("file");
    assertThat(ValueSources.ruleFor(stress, stress.findOption("--namespace"))).as("private|host, not containerd's").isEqualTo("none");
    assertThat(ValueSources.ruleFor(startups, startups.findOption("--namespace"))).isEqualTo("containerd-namespace");
    assertThat(complete(console, "")).contains("stress", "startups", "images", "recover");
  }

  @Test
  void subcommands_of_subcommands_complete() {
    assertThat(complete(console, "bench ")).contains("startup");
    assertThat(complete(console, "bench startup --r")).containsExactly("--runs");
  }

  @Test
  void explain_completes_topics_and_the_recipes_of_this_install(@TempDir Path home) throws Exception {
    Files.createDirectories(home.resolve("recipes"));
    Files.writeString(home.resolve("recipes/storm-drill.yaml"), "description: drill\n");
    System.setProperty("mountscope.home", home.toString());
    assertThat(complete(console, "explain namespace_")).containsExactlyInAnyOrder("namespace_sem", "namespace_unlock");
    assertThat(complete(console, "explain storm")).containsExactly("storm-drill");
  }

  @Test
  void a_runbook_option_completes_file_paths(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("night-shift.runbook"), "explain osq_lock\n");
    Files.createDirectories(dir.resolve("nested"));
    CommandSpec withConsole = io.mountscope.cli.Cli.create().getCommandSpec();
    assertThat(complete(withConsole, "console --file " + dir + "/n"))
        .containsExactlyInAnyOrder(dir + "/night-shift.runbook", dir + "/nested/");
  }

  @Command(name = "mountscope", subcommands = {Recipe.class, Stress.class, Startups.class, Tune.class})
  static final class Future {}

  @Command(name = "recipe", subcommands = {Run.class})
  static final class Recipe {}

  @Command(name = "run")
  static final class Run implements Runnable {
    @Parameters(paramLabel = "NAME")
    String name;

    @Option(names = "--report", paramLabel = "FILE")
    Path report;

    @Override
    public void run() {}
  }

  enum Where { PRIVATE, HOST }

  @Command(name = "stress")
  static final class Stress implements Runnable {
    @Option(names = "--pattern")
    String pattern;

    @Option(names = "--namespace")
    Where namespace;

    @Option(names = "--cpus", paramLabel = "LIST")
    String cpus;

    @Override
    public void run() {}
  }

  @Command(name = "startups")
  static final class Startups implements Runnable {
    @Option(names = "--containerd", paramLabel = "ADDR")
    String address;

    @Option(names = "--namespace", paramLabel = "NS")
    String namespace;

    @Override
    public void run() {}
  }

  @Command(name = "tune")
  static final class Tune implements Runnable {
    @Option(names = "--sysctl", paramLabel = "KEY")
    String key;

    @Option(names = "--pid")
    int pid;

    @Override
    public void run() {}
  }

  @Test
  void commands_that_land_later_get_value_completion_from_how_they_name_their_parameters(@TempDir Path home) throws Exception {
    Files.createDirectories(home.resolve("recipes"));
    Files.writeString(home.resolve("recipes/idmap-strategy.yaml"), "description: per-layer against common parent\n");
    Files.writeString(home.resolve("recipes/storm-drill.yml"), "description: drill\n");
    System.setProperty("mountscope.home", home.toString());
    CommandSpec future = new CommandLine(new Future()).getCommandSpec();
    assertThat(complete(future, "recipe run ")).containsExactly("idmap-strategy", "storm-drill");
    assertThat(complete(future, "recipe run st")).containsExactly("storm-drill");
    assertThat(complete(future, "stress --pattern idmap")).containsExactlyInAnyOrder("idmap-per-layer", "idmap-common-parent");
    assertThat(complete(future, "stress --pattern c")).containsExactly("custom");
    assertThat(complete(future, "stress --pattern=b")).containsExactly("--pattern=bind");
    assertThat(complete(future, "stress --namespace ")).containsExactly("PRIVATE", "HOST");
    assertThat(complete(future, "stress --cpus ")).isEmpty();
    assertThat(complete(future, "tune --sysctl fs.mount-m")).containsExactly("fs.mount-max");
    assertThat(complete(future, "tune --pid ")).contains(Long.toString(ProcessHandle.current().pid()), "1");
  }

  @Test
  void which_rule_completes_which_parameter() {
    CommandSpec future = new CommandLine(new Future()).getCommandSpec();
    CommandSpec run = future.subcommands().get("recipe").getCommandSpec().subcommands().get("run").getCommandSpec();
    CommandSpec stress = future.subcommands().get("stress").getCommandSpec();
    CommandSpec startups = future.subcommands().get("startups").getCommandSpec();
    assertThat(ValueSources.ruleFor(run, run.positionalParameters().get(0))).isEqualTo("recipe");
    assertThat(ValueSources.ruleFor(run, run.findOption("--report"))).isEqualTo("file");
    assertThat(ValueSources.ruleFor(stress, stress.findOption("--namespace"))).isEqualTo("declared");
    assertThat(ValueSources.ruleFor(startups, startups.findOption("--namespace"))).isEqualTo("containerd-namespace");
    assertThat(ValueSources.ruleFor(stress, stress.findOption("--cpus"))).isEqualTo("none");
  }
}
