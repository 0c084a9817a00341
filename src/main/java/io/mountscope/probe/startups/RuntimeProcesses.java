package io.mountscope.probe.startups;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the process table says about containers being started, for any runtime that drives
 * runc or crun (containerd, Docker, CRI-O): runtime invocations ("runc create ... ID"), runc's
 * init processes waiting to be started, and the shim or conmon that owns them.
 */
final class RuntimeProcesses {
  /** Global runc/crun flags that take a value (so the value is not the subcommand). */
  private static final Set<String> VALUE_FLAGS = Set.of("--root", "--log", "--log-format", "--criu", "--rootless",
      "--cgroup-manager", "--bundle", "-b", "--pid-file", "--console-socket", "--preserve-fds", "--process", "-p");

  private static final Set<String> SUBCOMMANDS = Set.of("create", "run", "start");

  /** A container the runtime is working on: its processes, and how far its start got. */
  record Container(String id, String namespace, String state, String bundle, long startedMillis, Set<Integer> pids,
      int initPid, boolean startSeen) {}

  private RuntimeProcesses() {}

  static boolean isShim(String comm) {
    return comm.startsWith("containerd-shim") || comm.equals("conmon");
  }

  static boolean isRuntime(String comm) {
    return comm.equals("runc") || comm.equals("crun");
  }

  static boolean isRuncInit(String comm) {
    return comm.startsWith("runc:[");
  }

  /** Every container with runtime activity, keyed by id. */
  static Map<String, Container> read(ProcessTable table) {
    Map<String, Builder> found = new LinkedHashMap<>();
    Set<Integer> shims = new HashSet<>();
    for (ProcessTable.Proc p : table.all()) {
      if (isShim(p.comm())) {
        shims.add(p.pid());
      }
    }
    for (ProcessTable.Proc p : table.all()) {
      boolean candidate = isRuntime(p.comm()) || (shims.contains(p.ppid()) && !isRuncInit(p.comm()));
      if (!candidate) {
        continue;
      }
      Invocation inv = invocation(table.args(p.pid()));
      // A wrapper the shim runs in runc's place (nvidia-container-runtime, a test's slow runc) is
      // trusted only with runc's own flags, so "npm run start" under a shim is not a container start.
      if (inv == null || (!isRuntime(p.comm()) && (inv.root() == null || inv.bundle() == null && !inv.subcommand().equals("start")))) {
        continue;
      }
      Builder b = found.computeIfAbsent(inv.id(), Builder::new);
      b.add(p, table);
      b.namespace = b.namespace == null ? inv.namespace() : b.namespace;
      b.bundle = b.bundle == null ? inv.bundle() : b.bundle;
      if (inv.subcommand().equals("create") || inv.subcommand().equals("run")) {
        b.creating = true;
      } else if (inv.subcommand().equals("start")) {
        b.startSeen = true;
      }
      for (int child : table.childrenOf(p.pid())) {
        ProcessTable.Proc c = table.get(child);
        if (c != null && isRuncInit(c.comm())) {
          b.init(c, table);
        }
      }
    }
    // runc init outlives "runc create" and is reparented to the shim; its cgroup names the container.
    for (ProcessTable.Proc p : table.all()) {
      if (isRuncInit(p.comm()) && found.values().stream().noneMatch(b -> b.pids.contains(p.pid()))) {
        String id = idFromCgroup(table.cgroupLeaf(p.pid()));
        if (!id.isEmpty()) {
          found.computeIfAbsent(id, Builder::new).init(p, table);
        }
      }
    }
    Map<String, Container> out = new LinkedHashMap<>();
    found.forEach((id, b) -> out.put(id, b.build()));
    return out;
  }

  /** A runc-style command line: subcommand, container id (last argument), --root's namespace, --bundle. */
  record Invocation(String subcommand, String id, String namespace, String bundle, String root) {}

  static Invocation invocation(List<String> args) {
    if (args.size() < 3) {
      return null;
    }
    String sub = null;
    String root = null;
    String bundle = null;
    for (int i = 1; i < args.size(); i++) {
      String a = args.get(i);
      if (VALUE_FLAGS.contains(a) && i + 1 < args.size()) {
        if (a.equals("--root")) {
          root = args.get(i + 1);
        } else if (a.equals("--bundle") || a.equals("-b")) {
          bundle = args.get(i + 1);
        }
        i++;
      } else if (a.startsWith("--root=")) {
        root = a.substring(7);
      } else if (a.startsWith("--bundle=")) {
        bundle = a.substring(9);
      } else if (sub == null && SUBCOMMANDS.contains(a)) {
        // the first subcommand word: a wrapper script's argv starts with its interpreter and path
        sub = a;
      }
    }
    String id = args.get(args.size() - 1);
    if (sub == null || id.startsWith("-") || id.equals(sub)) {
      return null;
    }
    return new Invocation(sub, id, namespaceOf(root), bundle, root);
  }

  /** "/run/containerd/runc/k8s.io" -> "k8s.io", "/var/run/docker/runtime-runc/moby" -> "moby", "/run/runc" -> null. */
  static String namespaceOf(String root) {
    if (root == null) {
      return null;
    }
    String r = root.endsWith("/") ? root.substring(0, root.length() - 1) : root;
    String last = r.substring(r.lastIndexOf('/') + 1);
    return last.isEmpty() || last.equals("runc") || last.equals("crun") ? null : last;
  }

  /** "cri-containerd-ABC.scope" / "docker-ABC.scope" / "crio-ABC.scope" / "ABC" -> "ABC". */
  static String idFromCgroup(String leaf) {
    String s = leaf.endsWith(".scope") ? leaf.substring(0, leaf.length() - ".scope".length()) : leaf;
    for (String prefix : List.of("cri-containerd-", "docker-", "crio-", "libpod-")) {
      if (s.startsWith(prefix)) {
        return s.substring(prefix.length());
      }
    }
    return s;
  }

  private static final class Builder {
    final String id;
    final Set<Integer> pids = new java.util.TreeSet<>();
    String namespace;
    String bundle;
    boolean creating;
    boolean startSeen;
    int initPid;
    long started = Long.MAX_VALUE;

    Builder(String id) {
      this.id = id;
    }

    void add(ProcessTable.Proc p, ProcessTable table) {
      pids.add(p.pid());
      started = Math.min(started, p.startMillis());
      ProcessTable.Proc parent = table.get(p.ppid());
      if (parent != null && isShim(parent.comm())) {
        pids.add(parent.pid());
        if (namespace == null) {
          namespace = shimNamespace(table.args(parent.pid()));
        }
      }
    }

    void init(ProcessTable.Proc p, ProcessTable table) {
      initPid = p.pid();
      add(p, table);
    }

    Container build() {
      String state = creating ? "creating" : "created";
      return new Container(id, namespace, state, bundle, started == Long.MAX_VALUE ? 0 : started,
          java.util.Collections.unmodifiableSet(pids), initPid, startSeen);
    }
  }

  /** "containerd-shim-runc-v2 -namespace k8s.io -id ..." -> "k8s.io". */
  static String shimNamespace(List<String> args) {
    int i = args.indexOf("-namespace");
    return i >= 0 && i + 1 < args.size() ? args.get(i + 1) : null;
  }

  /**
   * Processes working on container {@code id}: its runtime and init processes and their shim, or,
   * before the shim has run anything, a shim started for that very id (ctr run, Docker).
   */
  static List<Integer> pidsOf(ProcessTable table, Map<String, Container> containers, String id) {
    Container c = containers.get(id);
    if (c != null) {
      return new ArrayList<>(c.pids());
    }
    List<Integer> shims = new ArrayList<>();
    for (ProcessTable.Proc p : table.all()) {
      if (p.comm().startsWith("containerd-shim")) {
        List<String> args = table.args(p.pid());
        int i = args.indexOf("-id");
        if (i >= 0 && i + 1 < args.size() && args.get(i + 1).equals(id)) {
          shims.add(p.pid());
        }
      }
    }
    return shims;
  }
}
