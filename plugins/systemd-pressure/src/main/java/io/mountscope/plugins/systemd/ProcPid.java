package io.mountscope.plugins.systemd;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the plugin reads of one process under /proc: its comm, its CPU time, its mount table's size. */
final class ProcPid {
  /** USER_HZ: /proc reports CPU time in these ticks, 100 per second on every Linux architecture. */
  static final double TICKS_PER_SECOND = 100;
  private final Path dir;

  ProcPid(long pid) {
    this.dir = Path.of("/proc", Long.toString(pid));
  }

  String comm() throws IOException {
    return read("comm").strip();
  }

  /** User plus system time, in USER_HZ ticks. */
  long cpuTicks() throws IOException {
    String stat = read("stat");
    // Fields after the command name, which is in parentheses and may hold spaces.
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(f[11]) + Long.parseLong(f[12]);
  }

  /** Lines of its mountinfo: the mounts of its namespace, each a .mount unit to systemd. */
  long mountinfoLines() throws IOException {
    try (InputStream in = Files.newInputStream(dir.resolve("mountinfo"))) {
      byte[] buf = new byte[65536];
      long n = 0;
      for (int r = in.read(buf); r > 0; r = in.read(buf)) {
        for (int i = 0; i < r; i++) {
          if (buf[i] == '\n') {
            n++;
          }
        }
      }
      return n;
    }
  }

  private String read(String file) throws IOException {
    return new String(Files.readAllBytes(dir.resolve(file)), StandardCharsets.UTF_8);
  }
}
