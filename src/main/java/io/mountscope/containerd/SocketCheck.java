package io.mountscope.containerd;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Whether containerd's socket accepts a connection, and if not, why in words an operator can act
 * on. A direct connect answers in microseconds; ctr would wait for its connect timeout.
 */
public record SocketCheck(boolean reachable, String reason) {

  public static SocketCheck of(String address) {
    Path path = Path.of(ContainerdAddress.path(address)).toAbsolutePath();
    if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS) && !Files.exists(path)) {
      Path closed = untraversable(path);
      if (closed != null) {
        return down("permission denied on " + path + " (cannot enter " + closed + "): run as root");
      }
      return down("no socket at " + path + " (containerd not running, or listening elsewhere: --containerd ADDR)");
    }
    if (Files.isRegularFile(path) || Files.isDirectory(path)) {
      return down(path + " is not a socket");
    }
    try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      ch.connect(UnixDomainSocketAddress.of(path));
      return new SocketCheck(true, null);
    } catch (IOException | RuntimeException e) {
      String m = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
      if (m.contains("permission denied")) {
        return down("permission denied on " + path + ": run as root, or as a member of the socket's group");
      }
      if (m.contains("refused")) {
        return down("connection refused at " + path + ": containerd is not running (stale socket)");
      }
      if (m.contains("no such file")) {
        return down("no socket at " + path + " (containerd not running, or listening elsewhere: --containerd ADDR)");
      }
      return down("cannot connect to " + path + ": " + e.getMessage());
    }
  }

  /** The nearest existing ancestor of {@code path} that this process may not enter (/run/containerd is often 0700), or null. */
  private static Path untraversable(Path path) {
    for (Path dir = path.getParent(); dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir)) {
        return Files.isExecutable(dir) ? null : dir;
      }
    }
    return null;
  }

  private static SocketCheck down(String reason) {
    return new SocketCheck(false, reason);
  }
}
