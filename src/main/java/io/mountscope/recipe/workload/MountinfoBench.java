package io.mountscope.recipe.workload;

import io.mountscope.kernel.PrivateMountNamespace;
import io.mountscope.kernel.Syscalls;
import io.mountscope.recipe.operator.Cancelled;
import io.mountscope.recipe.operator.Progress;
import io.mountscope.util.InputException;
import io.mountscope.util.Procfs;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.HdrHistogram.Histogram;

/**
 * What reading mountinfo costs at a given table size. On a thread of its own that leaves the
 * host's mount namespace, it mounts a tmpfs over /tmp (in that namespace only), bind-mounts a
 * directory of it {@code extra} times, then times {@code reads} reads of its own
 * /proc/thread-self/mountinfo. The namespace, and every mount in it, ends with the thread: the
 * host's table never changes.
 */
public final class MountinfoBench {
  private static final int WARMUP_READS = 3;

  private MountinfoBench() {}

  public static Outcome run(int extra, int reads, Progress progress, BooleanSupplier cancelled) throws Exception {
    long max = Procfs.readLong("/proc/sys/fs/mount-max").orElse(100_000L);
    long now = MountTable.self().size();
    if (now + extra + 2 > max * 8 / 10) {
      throw new InputException("mountinfo: " + extra + " more mounts on top of " + now + " would pass 80% of fs.mount-max ("
          + max + ")");
    }
    if (reads < 2) {
      throw new InputException("mountinfo: at least 2 reads, not " + reads);
    }
    return PrivateMountNamespace.call("mountinfo-bench", () -> measure(extra, reads, progress, cancelled));
  }

  private static Outcome measure(int extra, int reads, Progress progress, BooleanSupplier cancelled) throws Exception {
    Syscalls.mount("mountscope-mountinfo", "/tmp", "tmpfs", Syscalls.MS_NOSUID | Syscalls.MS_NODEV, "mode=0700");
    Path base = Path.of("/tmp/mountinfo");
    Path src = Files.createDirectories(base.resolve("src"));
    for (int i = 0; i < extra; i++) {
      Path dir = Files.createDirectory(base.resolve("m" + i));
      Syscalls.mount(src.toString(), dir.toString(), null, Syscalls.MS_BIND, null);
      if (i % 200 == 0) {
        progress.update(0.5 * i / Math.max(1, extra), "mounting " + i + " of " + extra);
        if (cancelled.getAsBoolean()) {
          throw new Cancelled("stopped while growing the mount table");
        }
      }
    }
    Path table = Path.of("/proc/thread-self/mountinfo");
    byte[] buffer = new byte[1 << 16];
    for (int i = 0; i < WARMUP_READS; i++) {
      timedRead(table, buffer);
    }
    Histogram h = new Histogram(3);
    long lines = 0;
    long begin = System.nanoTime();
    for (int i = 0; i < reads; i++) {
      long readStart = System.nanoTime();
      lines = timedRead(table, buffer);
      h.recordValue(Math.max(1, System.nanoTime() - readStart));
      if (i % 20 == 0) {
        progress.update(0.5 + 0.5 * i / reads, lines + " mounts, read " + i + " of " + reads);
        if (cancelled.getAsBoolean()) {
          throw new Cancelled("stopped while reading mountinfo");
        }
      }
    }
    double seconds = (System.nanoTime() - begin) / 1e9;
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("extraMounts", extra);
    settings.put("reads", reads);
    settings.put("mounts", lines);
    return new Outcome(h, 0, seconds, reads / seconds, "reads/s", settings, lines);
  }

  /** Reads the whole file through {@code buffer}, as a reader of mountinfo does; returns its lines. */
  private static long timedRead(Path file, byte[] buffer) throws IOException {
    long lines = 0;
    try (InputStream in = Files.newInputStream(file)) {
      int n;
      while ((n = in.read(buffer)) > 0) {
        for (int i = 0; i < n; i++) {
          if (buffer[i] == '\n') {
            lines++;
          }
        }
      }
    }
    return lines;
  }
}
