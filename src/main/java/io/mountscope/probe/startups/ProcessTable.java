package io.mountscope.probe.startups;

import io.mountscope.util.Procfs;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One read of the process table: pid, parent, comm and start time of every process, from
 * /proc/PID/stat. Command lines and cgroups are read only when asked for, and only for the few
 * processes that look like container runtimes, so a scan stays cheap on a busy node.
 */
final class ProcessTable {
  /** USER_HZ: the unit of /proc/PID/stat start times, 100 on every Linux architecture. */
  private static final long TICKS_PER_SECOND = 100;

  /** A process as /proc/PID/stat shows it; startMillis is wall-clock time. */
  record Proc(int pid, int ppid, String comm, long startMillis) {}

  private final Path proc;
  private final Map<Integer, Proc> byPid;
  private final Map<Integer, List<Integer>> children = new HashMap<>();
  private final Map<Integer, List<String>> args = new HashMap<>();

  private ProcessTable(Path proc, Map<Integer, Proc> byPid) {
    this.proc = proc;
    this.byPid = byPid;
    byPid.values().forEach(p -> children.computeIfAbsent(p.ppid(), k -> new ArrayList<>()).add(p.pid()));
  }

  static ProcessTable scan() {
    return scan(Path.of("/proc"));
  }

  /** Scans a /proc tree (the real one, or a captured copy in tests). */
  static ProcessTable scan(Path proc) {
    long bootMillis = Procfs.read(proc.resolve("stat")).flatMap(ProcessTable::btime).orElse(0L) * 1000;
    Map<Integer, Proc> procs = new HashMap<>();
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(proc)) {
      for (Path d : dirs) {
        String name = d.getFileName().toString();
        if (name.isEmpty() || !Character.isDigit(name.charAt(0))) {
          continue;
        }
        Procfs.read(d.resolve("stat")).flatMap(s -> parseStat(s, bootMillis)).ifPresent(p -> procs.put(p.pid(), p));
      }
    } catch (IOException e) {
      // an unreadable /proc leaves an empty table: the panel then shows nothing rather than failing
    }
    return new ProcessTable(proc, procs);
  }

  static Optional<Long> btime(String stat) {
    for (String line : stat.split("\n")) {
      if (line.startsWith("btime ")) {
        return Procfs.parseLong(line.substring(6));
      }
    }
    return Optional.empty();
  }

  /** "1234 (comm with spaces) S 1 ..." -> pid, ppid, comm, start time (field 22). */
  static Optional<Proc> parseStat(String stat, long bootMillis) {
    int open = stat.indexOf('(');
    int close = stat.lastIndexOf(')');
    if (open < 0 || close < open) {
      return Optional.empty();
    }
    String[] rest = stat.substring(close + 2).split(" ");
    if (rest.length < 20) {
      return Optional.empty();
    }
    try {
      int pid = Integer.parseInt(stat.substring(0, open).trim());
      int ppid = Integer.parseInt(rest[1]);
      long start = Long.parseLong(rest[19]);
      return Optional.of(new Proc(pid, ppid, stat.substring(open + 1, close), bootMillis + start * 1000 / TICKS_PER_SECOND));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  Proc get(int pid) {
    return byPid.get(pid);
  }

  java.util.Collection<Proc> all() {
    return byPid.values();
  }

  List<Integer> childrenOf(int pid) {
    return children.getOrDefault(pid, List.of());
  }

  /** The command line, split at NULs; empty for a kernel thread or a process that is gone. */
  List<String> args(int pid) {
    return args.computeIfAbsent(pid, p -> Procfs.read(proc.resolve(p + "/cmdline"))
        .map(s -> s.isEmpty() ? List.<String>of() : List.of(s.split("\0")))
        .orElse(Collections.emptyList()));
  }

  /** The last component of the process's cgroup path ("cri-containerd-ID.scope", "ID"), or "". */
  String cgroupLeaf(int pid) {
    return Procfs.read(proc.resolve(pid + "/cgroup")).map(ProcessTable::leaf).orElse("");
  }

  static String leaf(String cgroupFile) {
    String best = "";
    for (String line : cgroupFile.split("\n")) {
      int colon = line.lastIndexOf(':');
      if (colon < 0) {
        continue;
      }
      String path = line.substring(colon + 1);
      String last = path.substring(path.lastIndexOf('/') + 1);
      if (last.length() > best.length()) {
        best = last;
      }
    }
    return best;
  }
}
