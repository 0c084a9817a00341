package io.mountscope.probe.perf;

import io.mountscope.util.Procfs;
import java.util.HashMap;
import java.util.Map;

/**
 * Process names (comm) by pid: from PERF_RECORD_COMM when the kernel sends one (exec), else from
 * /proc/PID/comm the first time a pid is seen, cached. A process that exited before either is
 * named ":PID", as perf names it.
 */
final class ProcessNames {
  private static final int MAX = 65536;
  private final Map<Integer, String> names = new HashMap<>();

  /** A name the kernel reported for a process (exec, or a rename of its main thread). */
  void reported(int pid, int tid, String comm) {
    if (pid == tid) {
      bound();
      names.put(pid, comm);
    }
  }

  /** The cached name of {@code pid}, read from /proc on first use. */
  String of(int pid) {
    String n = names.get(pid);
    if (n == null) {
      bound();
      n = Procfs.read("/proc/" + pid + "/comm").orElse(":" + pid);
      names.put(pid, n);
    }
    return n;
  }

  private void bound() {
    if (names.size() >= MAX) {
      names.clear(); // pids recycle; a fresh cache is cheaper than tracking exits
    }
  }
}
