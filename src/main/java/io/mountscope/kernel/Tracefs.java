package io.mountscope.kernel;

import io.mountscope.util.Procfs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/**
 * Finds tracefs. Where it is mounted (/sys/kernel/tracing, or debugfs's tracing directory) it is
 * used in place. Where it is not, it is mounted inside a private mount namespace of a dedicated
 * thread, so the host's mount table is never changed.
 */
public final class Tracefs {
  static final Path[] CANDIDATES = {Path.of("/sys/kernel/tracing"), Path.of("/sys/kernel/debug/tracing")};

  private Tracefs() {}

  /** The mounted tracefs directory visible to this process, if any. */
  public static Optional<Path> mounted() {
    String mounts = Procfs.read("/proc/self/mounts").orElse("");
    for (String line : mounts.split("\n")) {
      String[] f = line.split(" ");
      if (f.length > 2 && f[2].equals("tracefs")) {
        Path p = Path.of(f[1].replace("\\040", " "));
        if (Files.isDirectory(p.resolve("events"))) {
          return Optional.of(p);
        }
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

  /**
   * Applies {@code reader} to a tracefs root: the mounted one, or a private mount made for the
   * duration of the call. Throws a SyscallException when tracefs is not mounted and cannot be.
   */
  public static <T> T with(Function<Path, T> reader) throws Exception {
    Optional<Path> m = mounted();
    if (m.isPresent()) {
      return reader.apply(m.get());
    }
    return PrivateMountNamespace.call("tracefs-private", () -> {
      Path dir = CANDIDATES[0];
      Syscalls.mount("nodev", dir.toString(), "tracefs", Syscalls.MS_NOSUID | Syscalls.MS_NODEV | Syscalls.MS_NOEXEC, null);
      return reader.apply(dir);
    });
  }
}
