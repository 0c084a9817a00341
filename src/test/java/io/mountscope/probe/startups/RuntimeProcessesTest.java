package io.mountscope.probe.startups;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A captured-shape /proc: a pod shim with a slow runc wrapper, a waiting runc init, a runc start, and noise. */
class RuntimeProcessesTest {
  @TempDir
  Path proc;

  private void process(int pid, String comm, int ppid, long startTicks, String cmdline, String cgroup) throws IOException {
    Path d = Files.createDirectories(proc.resolve(Integer.toString(pid)));
    Files.writeString(d.resolve("stat"), pid + " (" + comm + ") S " + ppid
        + " 1 1 0 -1 4194560 100 0 0 0 1 1 0 0 20 0 1 0 " + startTicks + " 1000 100 18446744073709551615 0 0 0\n");
    Files.writeString(d.resolve("cmdline"), cmdline.replace(' ', '\0') + "\0");
    Files.writeString(d.resolve("cgroup"), cgroup);
  }

  @BeforeEach
  void node() throws IOException {
    Files.writeString(proc.resolve("stat"), "cpu  1 2 3\nbtime 1700000000\nprocesses 1\n");
    process(1, "systemd", 0, 1, "/sbin/init", "0::/init.scope\n");
    process(100, "containerd-shim", 1, 500, "/usr/bin/containerd-shim-runc-v2 -namespace k8s.io -id pod1 "
        + "-address /run/containerd/containerd.sock", "0::/system.slice/containerd.service\n");
    process(200, "slowrunc", 100, 1200, "/bin/sh /opt/slowrunc --root /run/containerd/runc/k8s.io --log /x/log.json "
        + "--log-format json create --bundle /run/containerd/io.containerd.runtime.v2.task/k8s.io/c1 --pid-file /x/init.pid c1",
        "0::/system.slice/containerd.service\n");
    process(300, "runc:[2:INIT]", 100, 1100, "runc init",
        "12:pids:/kubepods/besteffort/pod9/cri-containerd-c2.scope\n0::/kubepods/besteffort/pod9/cri-containerd-c2.scope\n");
    process(400, "node", 100, 900, "npm run start", "0::/kubepods/pod7/cri-containerd-app.scope\n");
    process(500, "runc", 100, 1300, "runc --root /run/containerd/runc/k8s.io start c3", "0::/x\n");
  }

  @Test
  void a_wrapper_create_a_waiting_init_and_a_start_are_three_containers_in_flight() {
    ProcessTable table = ProcessTable.scan(proc);
    Map<String, RuntimeProcesses.Container> found = RuntimeProcesses.read(table);
    assertThat(found).containsOnlyKeys("c1", "c2", "c3");

    RuntimeProcesses.Container c1 = found.get("c1");
    assertThat(c1.state()).isEqualTo("creating");
    assertThat(c1.namespace()).isEqualTo("k8s.io");
    assertThat(c1.bundle()).isEqualTo("/run/containerd/io.containerd.runtime.v2.task/k8s.io/c1");
    assertThat(c1.pids()).containsExactly(100, 200);
    assertThat(c1.startedMillis()).isEqualTo(1_700_000_000_000L + 12_000);

    RuntimeProcesses.Container c2 = found.get("c2");
    assertThat(c2.state()).isEqualTo("created");
    assertThat(c2.namespace()).isEqualTo("k8s.io");
    assertThat(c2.initPid()).isEqualTo(300);
    assertThat(c2.pids()).containsExactly(100, 300);

    assertThat(found.get("c3").startSeen()).isTrue();
  }

  @Test
  void a_start_not_yet_running_anything_is_attributed_to_a_shim_of_its_own_id() {
    ProcessTable table = ProcessTable.scan(proc);
    assertThat(RuntimeProcesses.pidsOf(table, RuntimeProcesses.read(table), "pod1")).containsExactly(100);
    assertThat(RuntimeProcesses.pidsOf(table, RuntimeProcesses.read(table), "c1")).containsExactly(100, 200);
  }

  @Test
  void runtime_roots_and_cgroup_names_give_namespace_and_id() {
    assertThat(RuntimeProcesses.namespaceOf("/var/run/docker/runtime-runc/moby")).isEqualTo("moby");
    assertThat(RuntimeProcesses.namespaceOf("/run/runc")).isNull();
    assertThat(RuntimeProcesses.idFromCgroup("crio-abc123.scope")).isEqualTo("abc123");
    assertThat(RuntimeProcesses.idFromCgroup("docker-abc.scope")).isEqualTo("abc");
    assertThat(RuntimeProcesses.invocation(List.of("runc", "delete", "--force", "x"))).isNull();
  }

  @Test
  void stat_lines_with_parentheses_in_comm_parse() {
    ProcessTable.Proc p = ProcessTable.parseStat("42 (a) b) S 7 1 1 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 250 1 1", 1000).orElseThrow();
    assertThat(p.comm()).isEqualTo("a) b");
    assertThat(p.ppid()).isEqualTo(7);
    assertThat(p.startMillis()).isEqualTo(1000 + 2500);
  }

  @Test
  void between_full_scans_only_new_young_and_runtime_processes_are_read_again() throws IOException {
    long now = 1_700_000_000_000L + 60_000; // every process of the node started over 10 s ago
    ProcessTable.Scanner scanner = new ProcessTable.Scanner(proc);
    assertThat(scanner.next(now).get(1).comm()).isEqualTo("systemd");

    process(1, "renamed", 0, 1, "/sbin/init", "0::/init.scope\n"); // settled: not read again
    process(400, "node2", 100, 900, "npm run start", "0::/x\n"); // a shim's child: read again
    process(600, "sh", 1, 5_990, "sh", "0::/x\n"); // new, and young: started 100 ms ago
    ProcessTable second = scanner.next(now);
    assertThat(second.get(1).comm()).isEqualTo("systemd");
    assertThat(second.get(400).comm()).isEqualTo("node2");
    assertThat(second.get(600).comm()).isEqualTo("sh");

    process(600, "runc", 1, 5_990, "runc --root /run/containerd/runc/k8s.io create --bundle /b c9", "0::/x\n");
    Files.delete(proc.resolve("500/stat"));
    Files.delete(proc.resolve("500/cmdline"));
    Files.delete(proc.resolve("500/cgroup"));
    Files.delete(proc.resolve("500"));
    ProcessTable third = scanner.next(now);
    assertThat(third.get(600).comm()).as("a young process that exec'd").isEqualTo("runc");
    assertThat(third.get(500)).as("a process that is gone").isNull();
    for (int i = 3; i < ProcessTable.Scanner.FULL_EVERY; i++) {
      assertThat(scanner.next(now).get(1).comm()).isEqualTo("systemd");
    }
    assertThat(scanner.next(now).get(1).comm()).as("the full scan").isEqualTo("renamed");
  }

  @Test
  void a_scan_of_the_real_proc_finds_this_process_as_the_kernel_and_the_jdk_describe_it() throws Exception {
    ProcessHandle me = ProcessHandle.current();
    ProcessTable.Proc p = ProcessTable.scan().get((int) me.pid());
    assertThat(p).isNotNull();
    assertThat(p.ppid()).isEqualTo((int) me.parent().orElseThrow().pid());
    assertThat(p.comm()).isEqualTo(Files.readString(Path.of("/proc/self/comm")).strip());
    long jdkStart = me.info().startInstant().orElseThrow().toEpochMilli();
    assertThat(p.startMillis()).isBetween(jdkStart - 1500, jdkStart + 1500); // both from USER_HZ ticks and btime
    assertThat(ProcessTable.parseStat("x (y) S", 0)).isEmpty();
    assertThat(ProcessTable.parseStat("12 (y) S z 1 1 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 250 1 1", 0)).isEmpty();
  }
}
