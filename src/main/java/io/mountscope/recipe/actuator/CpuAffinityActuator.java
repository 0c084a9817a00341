package io.mountscope.recipe.actuator;

import com.sun.jna.Native;
import io.mountscope.journal.Intent;
import io.mountscope.journal.JournalEntry;
import io.mountscope.journal.Owner;
import io.mountscope.kernel.LibC;
import io.mountscope.kernel.SyscallException;
import io.mountscope.recipe.Facts;
import io.mountscope.stress.CpuSets;
import io.mountscope.util.Fmt;
import io.mountscope.util.InputException;
import io.mountscope.util.Procfs;
import io.mountscope.util.UnavailableException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Which CPUs a set of processes may run on. Targets: {@code pids:NAME} (every process whose comm
 * is NAME, e.g. containerd), {@code pids:1234,5678}, {@code unit:NAME} (a systemd unit, through
 * {@code systemctl set-property --runtime NAME AllowedCPUs=}), {@code cgroup:PATH} (the
 * {@code cpuset.cpus} file of a cgroup directory, v1 or v2). Value: a CPU list ({@code 0-3,8}) or
 * {@code node:N} for the CPUs of NUMA node N. Processes are journaled as {@code pid:PID@START} so
 * that a recycled pid is never touched by a rollback.
 */
public final class CpuAffinityActuator implements Actuator {
  public static final String NAME = "cpu-affinity";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String describe() {
    return "target: pids:NAME, pids:PID,PID, unit:NAME (systemd) or cgroup:PATH; value: a CPU list (0-3) or node:N";
  }

  @Override
  public Plan plan(String target, String value) {
    String cpus = Fmt.cpuList(cpus(value));
    if (target.startsWith("pids:")) {
      List<Intent> intents = new ArrayList<>();
      for (long pid : pids(target.substring(5))) {
        Owner o = Owner.of(pid).orElseThrow(() -> new InputException(target + ": process " + pid + " does not run"));
        String comm = Procfs.read("/proc/" + pid + "/comm").orElse("?");
        intents.add(new Intent(NAME, "pid:" + pid + "@" + o.startTicks(), Fmt.cpuList(affinity(pid)), cpus,
            comm + " (pid " + pid + ") and its threads"));
      }
      return new Plan(intents, "CPU affinity of " + target.substring(5) + " (" + intents.size() + " process"
          + (intents.size() == 1 ? "" : "es") + ") -> " + cpus);
    }
    if (target.startsWith("unit:")) {
      String unit = target.substring(5);
      SystemdUnits.require();
      String old = SystemdUnits.allowedCpus(unit);
      return new Plan(List.of(new Intent(NAME, target, old, cpus, "systemd unit " + unit + " (runtime only)")),
          "AllowedCPUs of " + unit + ": " + (old.isEmpty() ? "all" : old) + " -> " + cpus);
    }
    if (target.startsWith("cgroup:")) {
      Path file = cpusetFile(target);
      String old = SysFiles.read(file);
      return new Plan(List.of(new Intent(NAME, target, old, cpus, "cgroup " + file.getParent())),
          "cpuset.cpus of " + file.getParent() + ": " + (old.isEmpty() ? "inherited" : old) + " -> " + cpus);
    }
    throw new InputException("cpu-affinity: target '" + target + "' is not pids:NAME, pids:PID,..., unit:NAME or cgroup:PATH");
  }

  @Override
  public String apply(Intent intent) throws Exception {
    return set(intent.target(), intent.newValue());
  }

  @Override
  public String undo(JournalEntry.Change change) throws Exception {
    return set(change.target(), change.oldValue());
  }

  private static String set(String target, String cpus) throws IOException {
    if (target.startsWith("pid:")) {
      String[] f = target.substring(4).split("@");
      long pid = Long.parseLong(f[0]);
      if (!new Owner(pid, Long.parseLong(f[1])).alive()) {
        return "process " + pid + " has ended: nothing to set";
      }
      int threads = 0;
      for (long tid : tasks(pid)) {
        setAffinity(tid, Fmt.parseCpuList(cpus));
        threads++;
      }
      String back = Fmt.cpuList(affinity(pid));
      if (!back.equals(Fmt.cpuList(Fmt.parseCpuList(cpus)))) {
        throw new IllegalStateException("pid " + pid + ": set CPUs " + cpus + " but it reads back " + back);
      }
      return threads + " thread" + (threads == 1 ? "" : "s") + " of pid " + pid + " on CPUs " + back;
    }
    if (target.startsWith("unit:")) {
      return SystemdUnits.setAllowedCpus(target.substring(5), cpus);
    }
    Path file = cpusetFile(target);
    if (!Files.exists(file)) {
      return "cgroup " + file.getParent() + " is gone: nothing to set";
    }
    return SysFiles.writeChecked(file, cpus);
  }

  /** A CPU list or node:N, every CPU online. */
  static List<Integer> cpus(String value) {
    if (value.startsWith("node:")) {
      int node;
      try {
        node = Integer.parseInt(value.substring(5));
      } catch (NumberFormatException e) {
        throw new InputException("cpu-affinity: '" + value + "' is not node:N");
      }
      if (!Facts.numaNodesWithCpus().contains(node)) {
        throw new InputException("cpu-affinity: NUMA node " + node + " has no CPUs here (nodes: "
            + Fmt.cpuList(Facts.numaNodesWithCpus()) + ")");
      }
      return CpuSets.ofNode(node);
    }
    return CpuSets.requireOnline(Fmt.parseCpuList(value), "cpu-affinity " + value);
  }

  /** Explicit pids, or every process whose comm is the name. */
  static List<Long> pids(String spec) {
    if (spec.matches("[0-9]+(,[0-9]+)*")) {
      return Stream.of(spec.split(",")).map(Long::parseLong).toList();
    }
    List<Long> out = new ArrayList<>();
    try (Stream<Path> s = Files.list(Path.of("/proc"))) {
      for (Path p : s.filter(p -> p.getFileName().toString().matches("[0-9]+")).toList()) {
        if (Procfs.read(p.resolve("comm")).map(spec::equals).orElse(false)) {
          out.add(Long.parseLong(p.getFileName().toString()));
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot list /proc", e);
    }
    if (out.isEmpty()) {
      throw new UnavailableException("no process named '" + spec + "' runs here", "start it, or name the pids");
    }
    return out;
  }

  private static List<Long> tasks(long pid) throws IOException {
    try (Stream<Path> s = Files.list(Path.of("/proc/" + pid + "/task"))) {
      return s.map(p -> Long.parseLong(p.getFileName().toString())).toList();
    }
  }

  static List<Integer> affinity(long tid) {
    byte[] mask = new byte[128];
    if (LibC.sched_getaffinity((int) tid, mask.length, mask) < 0) {
      throw new SyscallException("sched_getaffinity", Long.toString(tid), Native.getLastError());
    }
    List<Integer> cpus = new ArrayList<>();
    for (int i = 0; i < mask.length * 8; i++) {
      if ((mask[i / 8] & (1 << (i % 8))) != 0) {
        cpus.add(i);
      }
    }
    return cpus;
  }

  private static void setAffinity(long tid, List<Integer> cpus) {
    byte[] mask = new byte[128];
    for (int c : cpus) {
      mask[c / 8] |= (byte) (1 << (c % 8));
    }
    if (LibC.sched_setaffinity((int) tid, mask.length, mask) < 0) {
      int errno = Native.getLastError();
      if (errno != io.mountscope.kernel.Errno.ESRCH) { // a thread that ended meanwhile needs nothing
        throw new SyscallException("sched_setaffinity", Long.toString(tid), errno);
      }
    }
  }

  /** The cpuset.cpus file of a cgroup directory under /sys/fs/cgroup. */
  static Path cpusetFile(String target) {
    Path dir = Path.of(target.substring(7)).normalize();
    if (!dir.isAbsolute() || !dir.startsWith("/sys/fs/cgroup")) {
      throw new InputException("cpu-affinity: " + target + ": a cgroup directory under /sys/fs/cgroup");
    }
    Path file = dir.resolve("cpuset.cpus");
    if (!Files.exists(file)) {
      throw new UnavailableException("no cpuset.cpus in " + dir + " (not a cgroup with the cpuset controller)",
          "use a cgroup of the cpuset hierarchy (v1: /sys/fs/cgroup/cpuset/...; v2: enable +cpuset in its parent)");
    }
    return file;
  }
}
