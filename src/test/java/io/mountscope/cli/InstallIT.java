package io.mountscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mountscope.testing.Launcher;
import io.mountscope.testing.Prerequisites;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** install.sh as an operator uses it: install twice, run, uninstall, and refuse non-root. */
class InstallIT {
  private static Launcher.Result install(String... args) throws Exception {
    List<String> cmd = new java.util.ArrayList<>(List.of("bash", Path.of("install.sh").toAbsolutePath().toString()));
    cmd.addAll(List.of(args));
    return Launcher.exec(cmd, Map.of(), 300);
  }

  @Test
  void installs_idempotently_with_a_cds_archive_and_uninstalls_exactly_what_it_put_there(@TempDir Path tmp) throws Exception {
    Prerequisites.root();
    Path prefix = tmp.resolve("opt/mountscope");
    String dist = Launcher.dist().toString();
    Launcher.Result first = install("--dist", dist, "--prefix", prefix.toString());
    assertThat(first.exitCode()).as(first.out() + first.err()).isZero();
    Launcher.Result second = install("--dist", dist, "--prefix", prefix.toString());
    assertThat(second.exitCode()).as(second.out() + second.err()).isZero();

    Path launcher = prefix.resolve("bin/mountscope");
    assertThat(launcher).isExecutable();
    assertThat(prefix.resolve("lib/mountscope.jsa")).as("CDS archive").exists();
    Launcher.Result v = Launcher.exec(List.of(launcher.toString(), "--version"), Map.of(), 30);
    assertThat(v.exitCode()).isZero();
    assertThat(v.out()).startsWith("mountscope ");
    // The archive is really used: the JVM maps it without complaint.
    Launcher.Result cds = Launcher.exec(List.of(launcher.toString(), "--version"),
        Map.of("MOUNTSCOPE_JAVA_OPTS", "-Xshare:on"), 30);
    assertThat(cds.exitCode()).as(cds.err()).isZero();

    List<String> manifest = Files.readAllLines(prefix.resolve(".install-manifest"));
    assertThat(manifest.stream().filter(l -> l.startsWith("file ")).distinct().count())
        .isEqualTo(manifest.stream().filter(l -> l.startsWith("file ")).count());
    // A file the operator put under the prefix is not ours and survives uninstall.
    Files.writeString(prefix.resolve("lib/operator-note.txt"), "mine");
    Launcher.Result un = install("--uninstall", "--prefix", prefix.toString());
    assertThat(un.exitCode()).as(un.out() + un.err()).isZero();
    assertThat(launcher).doesNotExist();
    assertThat(prefix.resolve("lib/mountscope.jar")).doesNotExist();
    assertThat(prefix.resolve("lib/operator-note.txt")).exists();
    Files.delete(prefix.resolve("lib/operator-note.txt"));
  }

  @Test
  void uninstall_of_a_clean_prefix_removes_the_prefix_itself(@TempDir Path tmp) throws Exception {
    Prerequisites.root();
    Path prefix = tmp.resolve("p");
    assertThat(install("--dist", Launcher.dist().toString(), "--prefix", prefix.toString()).exitCode()).isZero();
    assertThat(install("--uninstall", "--prefix", prefix.toString()).exitCode()).isZero();
    assertThat(prefix).doesNotExist();
  }

  @Test
  void non_root_gets_one_line_and_nothing_is_touched(@TempDir Path tmp) throws Exception {
    Prerequisites.root();
    Path prefix = tmp.resolve("nonroot");
    Launcher.Result r = Launcher.exec(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
        "bash", Path.of("install.sh").toAbsolutePath().toString(), "--prefix", prefix.toString()), Map.of(), 30);
    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.errLines()).hasSize(1);
    assertThat(r.errLines().get(0)).startsWith("install.sh: must run as root")
        .endsWith("(try: sudo " + Path.of("install.sh").toAbsolutePath() + " --prefix " + prefix + ")");
    assertThat(prefix).doesNotExist();
  }

  @Test
  void a_bad_option_is_one_line_and_exit_2() throws Exception {
    Launcher.Result r = install("--frobnicate");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.errLines()).containsExactly("install.sh: unknown option '--frobnicate' (see ./install.sh --help)");
  }
}
