package io.mountscope.probe.startups;

import io.mountscope.util.Procfs;
import java.io.FileInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
  private final long bootMillis;
  private final Map<Integer, Proc> byPid;
  private final Map<Integer, List<Integer>> children = new HashMap<>();
  private final Map<Integer, List<String>> args = new HashMap<>();

  private ProcessTable(Path proc, Map<Integer, Proc> byPid, long bootMillis) {
    this.proc = proc;
    this.bootMillis = bootMillis;
    this.byPid = byPid;
    byPid.values().forEach(p -> children.computeIfAbsent(p.ppid(), k -> new ArrayList<>()).add(p.pid()));
  }

  static ProcessTable scan() {
    return scan(Path.of("/proc"));
  }

  /** Scans a /proc tree (the real one, or a captured copy in tests). */
  static ProcessTable scan(Path proc) {
    return scan(proc, null, 0);
  }

  /**
   * Scans {@code proc}, taking from {@code previous} every process it still lists that is
   * {@linkplain #settled settled} instead of reading its stat again.
   */
  static ProcessTable scan(Path proc, ProcessTable previous, long nowMillis) {
    long bootMillis = previous != null ? previous.bootMillis
        : Procfs.read(proc.resolve("stat")).flatMap(ProcessTable::btime).orElse(0L) * 1000;
    Map<Integer, Proc> procs = new HashMap<>();
    // One buffer for every stat file, parsed as bytes: this runs every tick over every process.
    byte[] buf = new byte[1024];
    String root = proc.toString();
    // Names only (File.list): a Path per /proc entry cost more than the reads it leads to.
    String[] names = new java.io.File(root).list();
    if (names != null) {
      for (String name : names) {
        if (name.isEmpty() || !Character.isDigit(name.charAt(0))) {
          continue;
        }
        Proc known = previous == null ? null : previous.byPid.get(parsePid(name));
        if (known != null && previous.settled(known, nowMillis)) {
          procs.put(known.pid(), known);
          continue;
        }
        int n = readStat(root + "/" + name + "/stat", buf);
        Proc p = n > 0 ? parseStat(buf, n, bootMillis) : null;
        if (p != null) {
          procs.put(p.pid(), p);
        }
      }
    } // an unreadable /proc leaves an empty table: the panel then shows nothing rather than failing
    return new ProcessTable(proc, procs, bootMillis);
  }

  private static int parsePid(String name) {
    try {
      return Integer.parseInt(name);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /**
   * A process whose stat can wait for the next full scan: older than {@link Scanner#YOUNG_MILLIS}
   * (fork and exec are over), and neither it nor its parent a shim, a runtime or runc's init
   * (those change name and parent as a start goes on).
   */
  private boolean settled(Proc p, long nowMillis) {
    if (nowMillis - p.startMillis() < Scanner.YOUNG_MILLIS || watched(p.comm())) {
      return false;
    }
    Proc parent = byPid.get(p.ppid());
    return parent == null || !watched(parent.comm());
  }

  private static boolean watched(String comm) {
    return RuntimeProcesses.isShim(comm) || RuntimeProcesses.isRuntime(comm) || RuntimeProcesses.isRuncInit(comm);
  }

  /**
   * Successive scans of the live table for the startups probe: between full scans (every
   * {@link #FULL_EVERY}th), a settled process keeps what its stat said, so a tick reads the stat of
   * new, young and runtime processes only. A process that execs long after its fork, or a pid
   * reused within a tick, is seen at the next full scan at the latest.
   */
  static final class Scanner {
    static final int FULL_EVERY = 10;
    static final long YOUNG_MILLIS = 10_000;
    private final Path proc;
    private ProcessTable last;
    private int scans;

    Scanner(Path proc) {
      this.proc = proc;
    }

    ProcessTable next(long nowMillis) {
      ProcessTable previous = scans++ % FULL_EVERY == 0 ? null : last;
      last = scan(proc, previous, nowMillis);
      return last;
    }
  }

  // Reads up to buf.length bytes of a stat file (its fields fit well within 1 KiB); -1 when gone.
  private static int readStat(String path, byte[] buf) {
    try (FileInputStream in = new FileInputStream(path)) {
      int n = 0;
      int r;
      while (n < buf.length && (r = in.read(buf, n, buf.length - n)) > 0) {
        n += r;
      }
      return n;
    } catch (IOException e) {
      return -1; // the process exited between the listing and the read
    }
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
    byte[] b = stat.getBytes(StandardCharsets.UTF_8);
    return Optional.ofNullable(parseStat(b, b.length, bootMillis));
  }

  /** The same, from the first {@code n} bytes of a stat file; null when malformed. */
  static Proc parseStat(byte[] b, int n, long bootMillis) {
    int open = -1;
    int close = -1;
    for (int i = 0; i < n; i++) {
      if (b[i] == '(' && open < 0) {
        open = i;
      } else if (b[i] == ')') {
        close = i; // the last one: a comm may itself contain ')'
      }
    }
    if (open < 1 || close < open) {
      return null;
    }
    long pid = number(b, 0, open);
    // After ") ": field 3 (state) is index 0; ppid is index 1 and starttime index 19.
    long ppid = -1;
    long start = -1;
    int field = 0;
    int i = close + 2;
    while (i < n && field <= 19) {
      int end = i;
      while (end < n && b[end] != ' ' && b[end] != '\n') {
        end++;
      }
      if (field == 1) {
        ppid = number(b, i, end);
      } else if (field == 19) {
        start = number(b, i, end);
      }
      field++;
      i = end + 1;
    }
    if (pid < 0 || ppid < 0 || start < 0 || pid > Integer.MAX_VALUE || ppid > Integer.MAX_VALUE) {
      return null;
    }
    String comm = new String(b, open + 1, close - open - 1, StandardCharsets.UTF_8);
    return new Proc((int) pid, (int) ppid, comm, bootMillis + start * 1000 / TICKS_PER_SECOND);
  }

  // A non-negative decimal between from and to (spaces around it allowed); -1 if it is not one.
  private static long number(byte[] b, int from, int to) {
    while (from < to && b[from] == ' ') {
      from++;
    }
    while (to > from && b[to - 1] == ' ') {
      to--;
    }
    if (from == to || to - from > 18) {
      return -1;
    }
    long v = 0;
    for (int i = from; i < to; i++) {
      int d = b[i] - '0';
      if (d < 0 || d > 9) {
        return -1;
      }
      v = v * 10 + d;
    }
    return v;
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
