package io.mountscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mountscope.testing.Launcher;
import io.mountscope.testing.Prerequisites;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The launcher's error policy as a user meets it: one line, the right exit code, no stack trace. */
class ErrorsIT {
  @Test
  void bad_options_exit_2_with_one_line_and_no_stack_trace() throws Exception {
    for (String[] args : List.of(new String[] {"--bogus"}, new String[] {"snapshot", "--window", "x"},
        new String[] {"doctor", "extra"}, new String[] {"nosuchcommand"})) {
      Launcher.Result r = Launcher.run(args);
      assertThat(r.exitCode()).as(String.join(" ", args)).isEqualTo(2);
      assertThat(r.errLines()).as(String.join(" ", args)).hasSize(1);
      assertThat(r.err()).doesNotContain("Exception").doesNotContain("\tat ");
    }
  }

  @Test
  void the_dashboard_without_a_terminal_says_so_in_one_line() throws Exception {
    Launcher.Result r = Launcher.run();
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.errLines()).containsExactly("mountscope: the dashboard needs a terminal; use 'mountscope snapshot' or 'watch --json' in scripts");
  }

  @Test
  void an_unprivileged_user_gets_doctor_failures_with_fixes_not_a_crash() throws Exception {
    Prerequisites.root();
    Prerequisites.command("setpriv", "util-linux");
    Launcher.Result r = Launcher.exec(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
        "--inh-caps=-all", Launcher.executable().toString(), "doctor"), Map.of("HOME", "/nonexistent"), 120);
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.out()).containsPattern("(?m)^FAIL +privileges +uid 65534");
    assertThat(r.out()).contains("fix:   run as root");
    assertThat(r.err()).doesNotContain("\tat ");
  }

  @Test
  void version_and_help_work_for_any_user() throws Exception {
    Launcher.Result v = Launcher.run("--version");
    assertThat(v.exitCode()).isZero();
    assertThat(v.out()).startsWith("mountscope 0.");
    Launcher.Result h = Launcher.run("doctor", "--help");
    assertThat(h.exitCode()).isZero();
    assertThat(h.out()).contains("Usage: mountscope doctor");
  }
}
