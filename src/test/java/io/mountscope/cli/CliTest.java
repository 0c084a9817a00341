package io.mountscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class CliTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cl = Cli.create();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    return cl.execute(args);
  }

  @Test
  void an_unknown_option_is_one_line_and_exit_2() {
    assertThat(run("snapshot", "--bogus")).isEqualTo(2);
    assertThat(err.toString().lines()).hasSize(1);
    assertThat(err.toString()).startsWith("mountscope snapshot: Unknown option: '--bogus'")
        .contains("see 'mountscope snapshot --help'");
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void an_unknown_command_is_exit_2() {
    assertThat(run("frobnicate")).isEqualTo(2);
    assertThat(err.toString().lines()).hasSize(1);
    assertThat(err.toString()).contains("frobnicate");
  }

  @Test
  void a_bad_option_value_is_exit_2_with_what_was_wrong() {
    assertThat(run("snapshot", "--window", "soon")).isEqualTo(2);
    assertThat(err.toString()).contains("--window").contains("soon");
    assertThat(run("snapshot", "--window", "-1")).isEqualTo(2);
    assertThat(err.toString()).contains("--window must be between 0 and 60");
  }

  @Test
  void an_interrupted_command_is_exit_130_interrupted_not_an_internal_error() throws Exception {
    int[] code = {-1};
    Thread t = new Thread(() -> code[0] = run("snapshot", "--window", "30"));
    t.start();
    Thread.sleep(1500);
    t.interrupt();
    t.join(10_000);
    assertThat(t.isAlive()).isFalse();
    assertThat(code[0]).isEqualTo(130);
    assertThat(err.toString()).isEqualTo("mountscope snapshot: interrupted\n");
  }

  @Test
  void version_names_the_tool() {
    assertThat(run("--version")).isZero();
    assertThat(out.toString()).startsWith("mountscope ");
  }

  @Test
  void every_subcommand_has_help() {
    CommandLine root = Cli.create();
    for (String name : root.getSubcommands().keySet()) {
      StringWriter o = new StringWriter();
      CommandLine cl = Cli.create();
      cl.setOut(new PrintWriter(o, true));
      assertThat(cl.execute(name, "--help")).as(name + " --help").isZero();
      assertThat(o.toString()).as(name + " --help").contains("Usage: mountscope " + name);
    }
  }
}
