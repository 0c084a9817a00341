package io.mountscope.probe;

import io.mountscope.model.MountTableSample;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Times how long the kernel takes to hand over a mountinfo file and counts its mounts (lines).
 * Streams through a reused buffer: on a sick node the file is tens of megabytes.
 */
public final class MountTableReader {
  private final Path mountinfo;
  private final byte[] buffer = new byte[1 << 16];

  /** mountscope's own table, or the file MOUNTSCOPE_MOUNTINFO names (/proc/1/mountinfo: the host's, from a container). */
  public MountTableReader() {
    this(Path.of(mountinfoPath()));
  }

  /** The mountinfo file the live probes read. */
  public static String mountinfoPath() {
    String env = System.getenv("MOUNTSCOPE_MOUNTINFO");
    return env == null || env.isBlank() ? "/proc/self/mountinfo" : env.trim();
  }

  public MountTableReader(Path mountinfo) {
    this.mountinfo = mountinfo;
  }

  public MountTableSample read() throws IOException {
    long start = System.nanoTime();
    long lines = 0;
    long bytes = 0;
    try (InputStream in = Files.newInputStream(mountinfo)) {
      int n;
      while ((n = in.read(buffer)) > 0) {
        bytes += n;
        for (int i = 0; i < n; i++) {
          if (buffer[i] == '\n') {
            lines++;
          }
        }
      }
    }
    return new MountTableSample(lines, System.nanoTime() - start, bytes);
  }
}
