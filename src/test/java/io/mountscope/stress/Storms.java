package io.mountscope.stress;

import io.mountscope.testing.Background;
import io.mountscope.testing.Launcher;
import io.mountscope.util.Procfs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/** Test helpers: storms started in the background through the real launcher, and the host's view. */
public final class Storms {
  private Storms() {}

  public static Background start(String... args) throws IOException {
    return Background.launcher(Map.of(), args);
  }

  /** The stress worker among the children of {@code parent}. */
  public static OptionalLong workerOf(long parent) {
    return ProcessHandle.of(parent).stream().flatMap(ProcessHandle::children)
        .filter(c -> cmdline(c.pid()).contains("io.mountscope.stress.WorkerMain")).mapToLong(ProcessHandle::pid).findFirst();
  }

  /** Waits until the worker of {@code parent} runs its storm threads; returns the worker's pid. */
  public static long awaitStorm(long parent, int seconds) throws InterruptedException {
    long[] worker = new long[1];
    await(() -> {
      OptionalLong w = workerOf(parent);
      w.ifPresent(p -> worker[0] = p);
      return w.isPresent() && threadNames(w.getAsLong()).contains("storm-0");
    }, seconds, "the storm threads of the worker of " + parent);
    return worker[0];
  }

  public static void await(BooleanSupplier condition, int seconds, String what) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + seconds + " s waiting for " + what);
      }
      Thread.sleep(50);
    }
  }

  public static boolean alive(long pid) {
    return Files.exists(Path.of("/proc/" + pid + "/status")) && !readOr("/proc/" + pid + "/stat", "").contains(") Z ");
  }

  public static List<String> threadNames(long pid) {
    try (Stream<Path> tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
      return tasks.map(t -> readOr(t.resolve("comm").toString(), "").trim()).toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  /**
   * The rows of the host's mount table (this test JVM is on the host) that a storm could have
   * made: every storm mount lies beneath a mountscope-stress scratch root, or is that root's tmpfs
   * (source "mountscope-stress"). The rest of the table is not compared: other tests on a shared
   * machine (containerd's) legitimately mount and unmount there meanwhile.
   */
  public static List<String> hostMounts() throws IOException {
    List<String> rows = new ArrayList<>();
    for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
      String[] f = line.split(" ");
      int dash = List.of(f).indexOf("-");
      String row = f[4] + " " + f[dash + 1] + " " + f[dash + 2];
      if (f[4].contains("/mountscope-stress.") || f[dash + 2].equals("mountscope-stress")) {
        rows.add(row);
      }
    }
    rows.sort(null);
    return rows;
  }

  /** Scratch directories a launcher with this pid left in /tmp or /run. */
  public static List<Path> scratchLeftBy(long launcherPid) throws IOException {
    List<Path> left = new ArrayList<>();
    for (String base : List.of("/tmp", "/run")) {
      try (Stream<Path> s = Files.list(Path.of(base))) {
        s.filter(p -> p.getFileName().toString().startsWith("mountscope-stress." + launcherPid + ".")).forEach(left::add);
      }
    }
    return left;
  }

  public static void kill(long pid, String signal) throws IOException, InterruptedException {
    Launcher.exec(List.of("kill", "-" + signal, Long.toString(pid)), Map.of(), 10);
  }

  private static String cmdline(long pid) {
    return readOr("/proc/" + pid + "/cmdline", "").replace('\0', ' ');
  }

  private static String readOr(String path, String fallback) {
    return Procfs.read(path).orElse(fallback); // /proc files report size 0: stream them
  }
}
