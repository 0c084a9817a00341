package io.mountscope.recipe.actuator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mountscope.journal.Intent;
import io.mountscope.journal.JournalEntry;
import io.mountscope.journal.Owner;
import io.mountscope.util.InputException;
import io.mountscope.util.UnavailableException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What each actuator reads before a change, how it refuses, and how its undo restores. */
class ActuatorsTest {
  @TempDir
  Path dir;

  private static JournalEntry.Change change(Intent i) {
    return new JournalEntry.Change("r/0", "r", "t", Owner.current(), i.kind(), i.target(), i.oldValue(), i.newValue(), null);
  }

  @Test
  void a_sysctl_is_read_before_written_read_back_after_and_restored_by_its_undo() throws Exception {
    Files.createDirectories(dir.resolve("kernel"));
    Path f = Files.writeString(dir.resolve("kernel/timer_migration"), "1\n");
    SysctlActuator a = new SysctlActuator(dir);
    Plan p = a.plan("kernel.timer_migration", "0");
    assertThat(p.intents()).containsExactly(new Intent("sysctl", "kernel.timer_migration", "1", "0", "sysctl kernel.timer_migration"));
    assertThat(p.summary()).isEqualTo("sysctl kernel.timer_migration: 1 -> 0");
    assertThat(a.apply(p.intents().get(0))).isEqualTo("reads back 0");
    assertThat(Files.readString(f)).isEqualTo("0\n");
    assertThat(a.undo(change(p.intents().get(0)))).startsWith("restored 1");
    assertThat(Files.readString(f)).isEqualTo("1\n");
    assertThat(a.undo(change(p.intents().get(0)))).isEqualTo("already 1");
  }

  @Test
  void a_sysctl_this_kernel_lacks_or_a_made_up_key_is_refused_before_anything_is_written() {
    SysctlActuator a = new SysctlActuator(dir);
    assertThatThrownBy(() -> a.plan("kernel.no_such_key", "1")).isInstanceOf(InputException.class)
        .hasMessageContaining("sysctl kernel.no_such_key: no such key on this kernel");
    assertThatThrownBy(() -> a.plan("../etc/passwd", "1")).isInstanceOf(InputException.class)
        .hasMessageContaining("not a sysctl key");
  }

  @Test
  void a_sysctl_list_value_compares_as_words_not_as_whitespace() throws Exception {
    Files.createDirectories(dir.resolve("net/ipv4"));
    Files.writeString(dir.resolve("net/ipv4/range"), "32768\t60999\n");
    assertThat(new SysctlActuator(dir).plan("net.ipv4.range", "32768 60999").noop()).isTrue();
  }

  @Test
  void smt_on_a_vm_without_siblings_refuses_with_the_kernels_reason() throws Exception {
    Path control = Files.writeString(dir.resolve("control"), "notsupported\n");
    assertThatThrownBy(() -> new SmtActuator(control).plan("control", "off")).isInstanceOf(UnavailableException.class)
        .hasMessageContaining("SMT cannot be switched here: the kernel reports 'notsupported'");
    Files.writeString(control, "forceoff\n");
    assertThatThrownBy(() -> new SmtActuator(control).plan("control", "on")).hasMessageContaining("nosmt=force");
  }

  @Test
  void smt_that_can_be_switched_is_switched_and_switched_back() throws Exception {
    Path control = Files.writeString(dir.resolve("control"), "on\n");
    SmtActuator a = new SmtActuator(control);
    Plan p = a.plan("control", "off");
    a.apply(p.intents().get(0));
    assertThat(Files.readString(control).trim()).isEqualTo("off");
    a.undo(change(p.intents().get(0)));
    assertThat(Files.readString(control).trim()).isEqualTo("on");
    assertThatThrownBy(() -> a.plan("control", "maybe")).hasMessageContaining("on or off");
  }

  @Test
  void the_concurrency_cap_limits_the_workload_and_its_undo_lifts_it() throws Exception {
    ConcurrencyCap cap = new ConcurrencyCap();
    assertThat(cap.limit(8)).isEqualTo(8);
    Plan p = cap.plan("workload", "3");
    cap.apply(p.intents().get(0));
    assertThat(cap.limit(8)).isEqualTo(3);
    assertThat(cap.limit(2)).isEqualTo(2);
    cap.undo(change(p.intents().get(0)));
    assertThat(cap.limit(8)).isEqualTo(8);
    assertThat(cap.onNode()).isFalse();
    assertThatThrownBy(() -> cap.plan("workload", "0")).hasMessageContaining("not a positive number");
  }

  @Test
  void affinity_of_a_process_is_journaled_with_its_start_time_and_restored() throws Exception {
    Process sleeper = new ProcessBuilder("sleep", "60").start();
    try {
      CpuAffinityActuator a = new CpuAffinityActuator();
      String all = io.mountscope.util.Fmt.cpuList(CpuAffinityActuator.affinity(sleeper.pid()));
      Plan p = a.plan("pids:" + sleeper.pid(), "0");
      Intent i = p.intents().get(0);
      assertThat(i.target()).isEqualTo("pid:" + sleeper.pid() + "@" + Owner.of(sleeper.pid()).orElseThrow().startTicks());
      assertThat(i.oldValue()).isEqualTo(all);
      a.apply(i);
      assertThat(status(sleeper.pid())).isEqualTo("0");
      a.undo(change(i));
      assertThat(status(sleeper.pid())).isEqualTo(all);
    } finally {
      sleeper.destroy();
      sleeper.waitFor();
    }
    // The process is gone: an undo after a crash must not touch whatever reuses its pid.
    Intent gone = new Intent("cpu-affinity", "pid:" + sleeper.pid() + "@1", "0", "0", null);
    assertThat(new CpuAffinityActuator().undo(change(gone))).contains("has ended");
  }

  @Test
  void a_unit_is_refused_exactly_when_systemd_does_not_run() {
    CpuAffinityActuator a = new CpuAffinityActuator();
    if (Files.isDirectory(Path.of("/run/systemd/system"))) {
      assertThat(a.plan("unit:mountscope-test-none.service", "0").intents()).hasSize(1);
    } else {
      assertThatThrownBy(() -> a.plan("unit:containerd.service", "0")).isInstanceOf(UnavailableException.class)
          .hasMessageContaining("systemd is not running")
          .satisfies(e -> assertThat(((UnavailableException) e).oneLine()).contains("use pids:NAME"));
    }
  }

  private static String status(long pid) throws Exception {
    return Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream().filter(l -> l.startsWith("Cpus_allowed_list:"))
        .findFirst().orElseThrow().split(":")[1].trim();
  }
}
