package io.mountscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mountscope.kernel.Tracefs;
import io.mountscope.probe.perf.MountSyscallCounters;
import io.mountscope.testing.Launcher;
import io.mountscope.testing.Prerequisites;
import io.mountscope.util.Json;
import io.mountscope.util.Procfs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * When the kernel instrumentation cannot run (no privilege, perf_event_paranoid too high, no
 * tracefs, no lock tracepoints), locks and hotspots exit 3 with one sentence saying which and how
 * to fix it, and snapshot still prints with the probe marked unavailable.
 */
class KernelErrorsIT {
  private static final Map<String, String> NOBODY_ENV = Map.of("HOME", "/nonexistent");

  private static Launcher.Result asNobody(String caps, String... args) throws Exception {
    Prerequisites.root();
    Prerequisites.command("setpriv", "util-linux");
    List<String> cmd = new ArrayList<>(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
        "--inh-caps=-all" + caps, "--ambient-caps=-all" + caps, Launcher.executable().toString()));
    cmd.addAll(List.of(args));
    return Launcher.exec(cmd, NOBODY_ENV, 60);
  }

  private static void assertOneLineExit3(Launcher.Result r, String command) {
    assertThat(r.exitCode()).as(r.err()).isEqualTo(3);
    assertThat(r.errLines()).hasSize(1);
    assertThat(r.err()).startsWith("mountscope " + command + ": ").doesNotContain("Exception").doesNotContain("\tat ");
  }

  @Test
  void an_unprivileged_user_is_told_which_privilege_or_paranoid_level_locks_and_hotspots_need() throws Exception {
    long paranoid = Procfs.readLong("/proc/sys/kernel/perf_event_paranoid").orElseThrow();
    Launcher.Result locks = asNobody("", "locks", "--seconds", "0.1");
    assertOneLineExit3(locks, "locks");
    Launcher.Result hot = asNobody("", "hotspots", "--seconds", "0.1");
    assertOneLineExit3(hot, "hotspots");
    if (paranoid > -1) {
      assertThat(locks.err()).contains("lock contention tracing needs CAP_PERFMON or kernel.perf_event_paranoid<=-1")
          .contains("(uid 65534) has no CAP_PERFMON while perf_event_paranoid is " + paranoid)
          .contains("run mountscope as root, or sysctl -w kernel.perf_event_paranoid=-1");
    }
    if (paranoid > 0) {
      assertThat(hot.err()).contains("CPU sampling needs CAP_PERFMON or kernel.perf_event_paranoid<=0")
          .contains("perf_event_paranoid is " + paranoid).contains("run mountscope as root");
    }
  }

  @Test
  void with_perfmon_but_no_way_to_reach_tracefs_locks_names_tracefs_and_the_fix() throws Exception {
    Launcher.Result r = asNobody(",+perfmon", "locks", "--seconds", "0.1");
    assertOneLineExit3(r, "locks");
    assertThat(r.err()).containsAnyOf("tracefs is not mounted, and mounting it in a private mount namespace failed",
        "tracefs is mounted at /sys/kernel/tracing but this process (uid 65534) cannot read it");
    assertThat(r.err()).contains("run mountscope as root");
  }

  @Test
  void with_perfmon_but_hidden_kernel_addresses_hotspots_names_kptr_restrict_and_the_fix() throws Exception {
    long restrict = Procfs.readLong("/proc/sys/kernel/kptr_restrict").orElseThrow();
    long paranoid = Procfs.readLong("/proc/sys/kernel/perf_event_paranoid").orElseThrow();
    Launcher.Result r = asNobody(",+perfmon", "hotspots", "--seconds", "0.1");
    // The kernel's rule (kallsyms_show_value) for a reader without CAP_SYSLOG.
    if (restrict == 0 && paranoid <= 1) {
      assertThat(r.exitCode()).as("addresses visible to uid 65534 here: " + r.err()).isZero();
      return;
    }
    assertOneLineExit3(r, "hotspots");
    assertThat(r.err()).contains("/proc/kallsyms hides kernel addresses (kernel.kptr_restrict=")
        .contains("so kernel stacks cannot be named").contains("run mountscope as root (CAP_SYSLOG)");
  }

  @Test
  void an_unprivileged_snapshot_still_prints_with_the_kernel_probes_marked_unavailable() throws Exception {
    Launcher.Result r = asNobody("", "snapshot", "--json", "--window", "0.1");
    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode s = Json.mapper().readTree(r.out());
    for (String probe : List.of("mountActivity", "locks", "hotspots")) {
      assertThat(s.at("/probes/" + probe + "/state").asText()).as(probe).isEqualTo("unavailable");
      assertThat(s.at("/probes/" + probe + "/reason").asText()).as(probe).contains("run mountscope as root");
      assertThat(s.get(probe).isNull()).as(probe).isTrue();
    }
    assertThat(s.at("/mountTable/mounts").asLong()).isPositive();

    Launcher.Result text = asNobody("", "snapshot", "--window", "0.1");
    assertThat(text.exitCode()).as(text.err()).isZero();
    assertThat(text.out()).containsPattern("(?m)^mounts +\\d+ in this namespace")
        .containsPattern("(?m)^locks +unavailable: lock contention tracing needs .*run mountscope as root");
  }

  /** A tracefs look-alike with the syscall tracepoints of this kernel and no lock tracepoints. */
  private static Path tracefsWithoutLockEvents() throws Exception {
    Path fake = Files.createTempDirectory("mountscope-fake-tracefs");
    Path real = Tracefs.root();
    for (String kind : MountSyscallCounters.KINDS) {
      Path dir = Files.createDirectories(fake.resolve("events/syscalls/sys_enter_" + kind));
      for (String f : List.of("id", "format")) {
        Files.writeString(dir.resolve(f), Procfs.read(real.resolve("events/syscalls/sys_enter_" + kind + "/" + f)).orElseThrow() + "\n");
      }
    }
    return fake;
  }

  private static void delete(Path dir) throws Exception {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  @Test
  void without_the_lock_tracepoints_locks_exits_3_and_snapshot_still_counts_mounts() throws Exception {
    Prerequisites.root();
    Path fake = tracefsWithoutLockEvents();
    try {
      Map<String, String> env = Map.of(Tracefs.ENV, fake.toString());
      Launcher.Result r = Launcher.run(env, 60, "locks", "--seconds", "0.1");
      assertOneLineExit3(r, "locks");
      assertThat(r.err()).isEqualTo("mountscope locks: this kernel has no lock:contention_begin tracepoint (no " + fake
          + "/events/lock/contention_begin/format): use a kernel 5.19 or later, which has the lock:contention_begin/end"
          + " tracepoints\n");

      Launcher.Result snap = Launcher.run(env, 60, "snapshot", "--json", "--window", "0.1");
      assertThat(snap.exitCode()).as(snap.err()).isZero();
      JsonNode s = Json.mapper().readTree(snap.out());
      assertThat(s.at("/probes/locks/state").asText()).isEqualTo("unavailable");
      assertThat(s.at("/probes/locks/reason").asText()).contains("no lock:contention_begin tracepoint");
      assertThat(s.at("/probes/mountActivity/state").asText()).isEqualTo("ok");
      assertThat(s.at("/mountActivity/counters").fieldNames()).toIterable()
          .containsExactlyElementsOf(MountSyscallCounters.KINDS);
    } finally {
      delete(fake);
    }
  }

  @Test
  void a_tracefs_override_that_is_not_tracefs_is_refused_with_exit_3() throws Exception {
    Prerequisites.root();
    Launcher.Result r = Launcher.run(Map.of(Tracefs.ENV, "/nonexistent/tracing"), 60, "locks", "--seconds", "0.1");
    assertOneLineExit3(r, "locks");
    assertThat(r.err()).contains("no tracefs at /nonexistent/tracing (set by MOUNTSCOPE_TRACEFS)")
        .contains("point MOUNTSCOPE_TRACEFS at a mounted tracefs, or unset it");
  }

  @Test
  void bad_windows_are_usage_errors() throws Exception {
    for (String[] args : List.of(new String[] {"locks", "--seconds", "0"}, new String[] {"hotspots", "--seconds", "-1"},
        new String[] {"hotspots", "--frequency", "0"}, new String[] {"locks", "--key", "bogus"})) {
      Launcher.Result r = Launcher.run(args);
      assertThat(r.exitCode()).as(String.join(" ", args)).isEqualTo(2);
      assertThat(r.errLines()).as(String.join(" ", args)).hasSize(1);
    }
  }
}
