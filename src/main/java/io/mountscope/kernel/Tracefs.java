package io.mountscope.kernel;

import io.mountscope.util.Procfs;
import io.mountscope.util.UnavailableException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;

/**
 * Finds tracefs. Where it is mounted (/sys/kernel/tracing, or debugfs's tracing directory) it is
 * used in place. Where it is not, a keeper thread leaves the host's mount namespace, mounts tracefs
 * in its private one and parks for the life of the process; every thread reaches that mount
 * through {@code /proc/self/task/<keeper>/root}. The host's mount table never changes.
 * {@code MOUNTSCOPE_TRACEFS} (or the system property {@code mountscope.tracefs}) names another
 * tracefs directory to use instead.
 */
public final class Tracefs {
  static final Path[] CANDIDATES = {Path.of("/sys/kernel/tracing"), Path.of("/sys/kernel/debug/tracing")};
  /** Environment variable naming the tracefs directory to use. */
  public static final String ENV = "MOUNTSCOPE_TRACEFS";
  private static Path keeperRoot;

  private Tracefs() {}

  /** Where tracefs is mounted in this process's mount namespace, readable or not. */
  static List<Path> mountPoints() {
    List<Path> points = new ArrayList<>();
    for (String line : Procfs.read("/proc/self/mounts").orElse("").split("\n")) {
      String[] f = line.split(" ");
      if (f.length > 2 && f[2].equals("tracefs")) {
        points.add(Path.of(f[1].replace("\\040", " ")));
      }
    }
    return points;
  }

  /** The mounted tracefs directory visible to this process, if any. */
  public static Optional<Path> mounted() {
    for (Path p : mountPoints()) {
      if (Files.isDirectory(p.resolve("events"))) {
        return Optional.of(p);
      }
    }
    for (Path p : CANDIDATES) {
      if (Files.isDirectory(p.resolve("events"))) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  /** Whether this kernel knows tracefs at all. */
  public static boolean supported() {
    return Procfs.read("/proc/filesystems").map(s -> s.contains("\ttracefs")).orElse(false);
  }

  /** The directory named by MOUNTSCOPE_TRACEFS (or -Dmountscope.tracefs), if set. */
  public static Optional<Path> override() {
    String v = System.getProperty("mountscope.tracefs", System.getenv(ENV));
    return v == null || v.isBlank() ? Optional.empty() : Optional.of(Path.of(v));
  }

  /**
   * The tracefs directory to read: the override, the mounted one, or this process's private mount.
   * Throws an {@link UnavailableException} saying why and how to fix it when there is none.
   */
  public static synchronized Path root() {
    Optional<Path> o = override();
    if (o.isPresent()) {
      if (!Files.isDirectory(o.get().resolve("events"))) {
        throw new UnavailableException("no tracefs at " + o.get() + " (set by " + ENV + "): it has no events directory",
            "point " + ENV + " at a mounted tracefs, or unset it");
      }
      return o.get();
    }
    Optional<Path> m = mounted();
    if (m.isPresent()) {
      return m.get();
    }
    Optional<Path> unreadable = mountPoints().stream().findFirst();
    if (unreadable.isPresent()) {
      throw new UnavailableException("tracefs is mounted at " + unreadable.get() + " but this process (uid "
          + Procfs.effectiveUid() + ") cannot read it", "run mountscope as root");
    }
    if (!supported()) {
      throw new UnavailableException("this kernel has no tracefs, so no tracepoints", "use a kernel built with CONFIG_TRACING");
    }
    if (keeperRoot == null) {
      keeperRoot = startKeeper();
    }
    return keeperRoot;
  }

  /** Applies {@code reader} to the tracefs root; throws when there is none (see {@link #root()}). */
  public static <T> T with(Function<Path, T> reader) throws Exception {
    return reader.apply(root());
  }

  /** Whether events/GROUP/EVENT exists under {@code root}. */
  public static boolean hasEvent(Path root, String group, String event) {
    return Files.isRegularFile(root.resolve("events").resolve(group).resolve(event).resolve("format"));
  }

  /**
   * The id and field layout of tracepoint GROUP:EVENT, or an {@link UnavailableException} naming
   * it when this kernel lacks it.
   */
  public static TracepointFormat format(Path root, String group, String event, String fix) {
    Path f = root.resolve("events").resolve(group).resolve(event).resolve("format");
    Optional<String> text = Procfs.read(f);
    if (text.isEmpty()) {
      throw new UnavailableException("this kernel has no " + group + ":" + event + " tracepoint (no " + f + ")", fix);
    }
    return TracepointFormat.parse(text.get());
  }

  // A parked thread in its own mount namespace, holding a private tracefs mount for the process.
  private static Path startKeeper() {
    CountDownLatch ready = new CountDownLatch(1);
    AtomicReference<Object> result = new AtomicReference<>();
    Thread keeper = new Thread(() -> {
      try {
        PrivateMountNamespace.enterOnThisThread();
        Syscalls.mount("nodev", CANDIDATES[0].toString(), "tracefs",
            Syscalls.MS_NOSUID | Syscalls.MS_NODEV | Syscalls.MS_NOEXEC, null);
        result.set(Syscalls.gettid());
      } catch (RuntimeException e) {
        result.set(e);
        return;
      } finally {
        ready.countDown();
      }
      while (true) {
        LockSupport.park(); // the mount lives as long as this thread, which lives as long as the process
      }
    }, "tracefs-keeper");
    keeper.setDaemon(true);
    keeper.start();
    try {
      if (!ready.await(10, TimeUnit.SECONDS)) {
        throw new IllegalStateException("tracefs keeper thread did not start in 10 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while mounting tracefs privately", e);
    }
    Object r = result.get();
    if (r instanceof SyscallException se) {
      throw new UnavailableException("tracefs is not mounted, and mounting it in a private mount namespace failed: "
          + se.getMessage(), se.isPermission()
              ? "run mountscope as root (it needs CAP_SYS_ADMIN to mount privately), or mount tracefs: "
                  + "mount -t tracefs nodev /sys/kernel/tracing"
              : "mount tracefs: mount -t tracefs nodev /sys/kernel/tracing", se);
    }
    if (r instanceof RuntimeException re) {
      throw re;
    }
    return Path.of("/proc/self/task/" + r + "/root").resolve(CANDIDATES[0].toString().substring(1));
  }
}
