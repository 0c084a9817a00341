package io.mountscope.kernel;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * An open file descriptor of a user namespace with a uid/gid mapping, as containerd creates one
 * per user-namespaced pod. A JVM cannot fork, so a short-lived helper process unshares the user
 * namespace (util-linux {@code setpriv --pdeathsig KILL unshare -U}); we write its maps, open its
 * ns file and end it. The fd
 * keeps the namespace alive until {@link #close()}.
 */
public final class UserNamespace implements AutoCloseable {
  private final int fd;
  private final String mapping;

  private UserNamespace(int fd, String mapping) {
    this.fd = fd;
    this.mapping = mapping;
  }

  /** A user namespace mapping ids 0..count-1 inside to hostBase..hostBase+count-1 outside. */
  public static UserNamespace create(long hostBase, long count) throws IOException {
    // --pdeathsig: should this process die while the helper lives, the helper dies with it
    // instead of holding the namespaces it shares with us for ten minutes.
    Process child = new ProcessBuilder("setpriv", "--pdeathsig", "KILL", "unshare", "--user", "sh", "-c",
        "echo ready; exec sleep 600").redirectErrorStream(true).start();
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
      String line = out.readLine();
      if (!"ready".equals(line)) {
        throw new IOException("unshare --user failed: " + (line == null ? "no output" : line)
            + " (user namespaces disabled? see user.max_user_namespaces)");
      }
      String map = "0 " + hostBase + " " + count;
      Path proc = Path.of("/proc", Long.toString(child.pid()));
      Files.writeString(proc.resolve("uid_map"), map);
      Files.writeString(proc.resolve("gid_map"), map);
      int fd = Syscalls.open(proc.resolve("ns/user").toString(), Syscalls.O_RDONLY);
      return new UserNamespace(fd, map);
    } finally {
      child.destroyForcibly(); // our own helper, by its handle
      try {
        child.waitFor(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  public int fd() {
    return fd;
  }

  /** The uid_map line written, e.g. "0 100000 65536". */
  public String mapping() {
    return mapping;
  }

  @Override
  public void close() {
    Syscalls.close(fd);
  }
}
