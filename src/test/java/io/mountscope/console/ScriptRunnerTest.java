package io.mountscope.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.mountscope.cli.Cli;
import io.mountscope.util.InputException;
import io.mountscope.util.UnavailableException;
import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Runbooks: line by line, echoed, stopping at the first failure with the right code and line. */
class ScriptRunnerTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @Command(name = "mountscope", subcommands = {Ok.class, Finding.class, Unavailable.class, Bug.class, Bad.class})
  static final class Root {}

  @Command(name = "ok")
  static final class Ok implements java.util.concurrent.Callable<Integer> {
    @Override
    public Integer call() {
      System.out.flush();
      return 0;
    }
  }

  @Command(name = "finding")
  static final class Finding implements java.util.concurrent.Callable<Integer> {
    @Override
    public Integer call() {
      return 1;
    }
  }

  @Command(name = "unavailable")
  static final class Unavailable implements java.util.concurrent.Callable<Integer> {
    @Override
    public Integer call() {
      throw new UnavailableException("perf_event_open denied", "run as root");
    }
  }

  @Command(name = "bug")
  static final class Bug implements java.util.concurrent.Callable<Integer> {
    @Override
    public Integer call() {
      throw new IllegalStateException("a bug");
    }
  }

  @Command(name = "bad")
  static final class Bad implements java.util.concurrent.Callable<Integer> {
    @Override
    public Integer call() {
      throw new InputException("--window must be between 0 and 60 seconds");
    }
  }

  /** The test commands with mountscope's error policy and the console-only commands. */
  private static CommandLine tree(ConsoleControl control) {
    CommandLine cl = new CommandLine(new Root());
    CommandLine policy = Cli.create();
    cl.setParameterExceptionHandler(policy.getParameterExceptionHandler());
    cl.setExecutionExceptionHandler(policy.getExecutionExceptionHandler());
    ConsoleOnly.addTo(cl, control);
    return cl;
  }

  private int run(String runbook) throws Exception {
    return new ScriptRunner(new PrintWriter(out, true), new PrintWriter(err, true), ScriptRunnerTest::tree)
        .run(new BufferedReader(new StringReader(runbook)), "night.runbook");
  }

  @Test
  void a_runbook_runs_every_line_echoing_each_and_skipping_comments_and_blanks() throws Exception {
    assertThat(run("# check the node\n\nok\n   # indented comment\nhelp ok\n")).isZero();
    assertThat(out.toString()).contains("mountscope> ok\n", "mountscope> help ok\nUsage: mountscope ok")
        .doesNotContain("check the node");
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void a_finding_stops_the_runbook_at_its_line_with_exit_1() throws Exception {
    assertThat(run("ok\n# comment\nfinding\nok\n")).isEqualTo(1);
    assertThat(err.toString()).isEqualTo("night.runbook:3: 'finding' failed with exit code 1; stopping here\n");
    assertThat(out.toString().split("mountscope> ok", -1)).as("the ok after the finding did not run").hasSize(2);
  }

  @Test
  void a_missing_privilege_and_a_bug_also_stop_with_exit_1() throws Exception {
    assertThat(run("unavailable\nok\n")).isEqualTo(1);
    assertThat(err.toString()).contains("perf_event_open denied", "night.runbook:1: 'unavailable' failed with exit code 3");
    err.getBuffer().setLength(0);
    assertThat(run("ok\nbug\n")).isEqualTo(1);
    assertThat(err.toString()).contains("night.runbook:2: 'bug' failed with exit code 4");
  }

  @Test
  void a_usage_error_stops_with_exit_2() throws Exception {
    assertThat(run("ok\nbad\nok\n")).isEqualTo(2);
    assertThat(err.toString()).contains("--window must be between 0 and 60", "night.runbook:2: 'bad' failed with exit code 2");
    err.getBuffer().setLength(0);
    assertThat(run("ok --bogus\n")).isEqualTo(2);
    assertThat(err.toString()).contains("Unknown option: '--bogus'", "night.runbook:1:");
    err.getBuffer().setLength(0);
    assertThat(run("\nnosuchcommand\n")).isEqualTo(2);
    assertThat(err.toString()).contains("unknown command 'nosuchcommand'", "night.runbook:2:");
    err.getBuffer().setLength(0);
    assertThat(run("ok 'unclosed\n")).isEqualTo(2);
    assertThat(err.toString()).startsWith("night.runbook:1: cannot parse the line");
  }

  @Test
  void exit_ends_the_runbook_with_its_code_and_dash_is_refused() throws Exception {
    assertThat(run("ok\nexit 5\nfinding\n")).isEqualTo(5);
    assertThat(out.toString()).doesNotContain("mountscope> finding");
    assertThat(run("dash\n")).isEqualTo(2);
    assertThat(err.toString()).contains("dash needs the interactive console");
  }
}
