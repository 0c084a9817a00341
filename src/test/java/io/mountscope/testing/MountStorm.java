package io.mountscope.testing;

import io.mountscope.kernel.MountApi;
import io.mountscope.kernel.PrivateMountNamespace;
import io.mountscope.kernel.Syscalls;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A small mount storm with known numbers, run as a child JVM ({@link #run}) so perf can wrap it:
 * in a private mount namespace on a private tmpfs, THREADS threads each do ROUNDS rounds of a bind
 * mount + umount ("bind"), plus in "mixed" an open_tree clone made read-only with mount_setattr
 * and attached with move_mount, and an fsopen/fsmount tmpfs attached with move_mount, each
 * unmounted again. It counts every mount syscall it issues (success or not) and prints one line:
 * {@code pid=N mount=.. umount=.. open_tree=.. move_mount=.. mount_setattr=.. fsmount=.. fsopen=..}.
 */
public final class MountStorm {
  static final List<String> KINDS = List.of("mount", "umount", "open_tree", "move_mount", "mount_setattr", "fsmount", "fsopen");
  private static final AtomicLongArray COUNTS = new AtomicLongArray(KINDS.size());

  private MountStorm() {}

  private static void count(String kind) {
    COUNTS.incrementAndGet(KINDS.indexOf(kind));
  }

  public static void main(String[] args) throws Exception {
    String mode = args[0];
    int threads = Integer.parseInt(args[1]);
    int rounds = Integer.parseInt(args[2]);
    PrivateMountNamespace.call("storm", () -> {
      count("mount"); // enterOnThisThread's mount(MS_REC|MS_PRIVATE) of /
      Path base = Files.createTempDirectory("mountscope-storm");
      base.toFile().deleteOnExit(); // a storm ended by SIGTERM leaves no empty directory behind
      try {
        Syscalls.mount("none", base.toString(), "tmpfs", 0, null);
        count("mount");
        Files.createDirectories(base.resolve("src"));
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          Path dst = Files.createDirectories(base.resolve("dst" + t));
          Thread w = new Thread(() -> rounds(mode, rounds, base.resolve("src").toString(), dst.toString()), "storm-" + t);
          workers.add(w);
          w.start(); // started from the namespace thread: inherits its mount namespace
        }
        for (Thread w : workers) {
          w.join();
        }
      } finally {
        count("umount");
        Syscalls.umount2(base.toString(), Syscalls.MNT_DETACH);
        Files.deleteIfExists(base);
      }
      return null;
    });
    StringBuilder out = new StringBuilder("pid=" + ProcessHandle.current().pid());
    for (int i = 0; i < KINDS.size(); i++) {
      out.append(' ').append(KINDS.get(i)).append('=').append(COUNTS.get(i));
    }
    System.out.println(out);
  }

  private static void rounds(String mode, int rounds, String src, String dst) {
    for (int i = 0; i < rounds; i++) {
      count("mount");
      Syscalls.mount(src, dst, null, Syscalls.MS_BIND, null);
      count("umount");
      Syscalls.umount2(dst, 0);
      if (mode.equals("mixed")) {
        count("open_tree");
        int tree = MountApi.openTree(src, MountApi.OPEN_TREE_CLONE | MountApi.OPEN_TREE_CLOEXEC);
        count("mount_setattr");
        MountApi.setAttr(tree, 0, MountApi.MOUNT_ATTR_RDONLY, 0, 0, 0);
        count("move_mount");
        MountApi.moveMount(tree, dst);
        Syscalls.close(tree);
        count("umount");
        Syscalls.umount2(dst, 0);
        count("fsopen");
        int fs = MountApi.fsopen("tmpfs");
        MountApi.fsconfigCreate(fs);
        count("fsmount");
        int mnt = MountApi.fsmount(fs, 0);
        count("move_mount");
        MountApi.moveMount(mnt, dst);
        Syscalls.close(mnt);
        Syscalls.close(fs);
        count("umount");
        Syscalls.umount2(dst, 0);
      }
    }
  }

  /** What a storm child reported: its pid and its syscalls per kind. */
  public record Report(long pid, Map<String, Long> counts) {
    public long total() {
      return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    static Report parse(String line) {
      long pid = -1;
      Map<String, Long> counts = new LinkedHashMap<>();
      for (String kv : line.trim().split(" ")) {
        String[] p = kv.split("=");
        if (p[0].equals("pid")) {
          pid = Long.parseLong(p[1]);
        } else {
          counts.put(p[0], Long.parseLong(p[1]));
        }
      }
      return new Report(pid, counts);
    }
  }

  /** The java command line that runs a storm in a child JVM on this test's classpath. */
  public static List<String> command(String mode, int threads, int rounds) {
    String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:+UseSerialGC",
        "-XX:TieredStopAtLevel=1", "-cp", cp, MountStorm.class.getName(), mode, Integer.toString(threads),
        Integer.toString(rounds));
  }

  /** Parses the storm's line out of a command's stdout. */
  public static Report report(String stdout) {
    return stdout.lines().filter(l -> l.startsWith("pid=")).map(Report::parse).findFirst()
        .orElseThrow(() -> new AssertionError("no storm report in output: " + stdout));
  }
}
