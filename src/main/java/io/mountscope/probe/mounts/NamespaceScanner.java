package io.mountscope.probe.mounts;

import io.mountscope.kernel.MountListing;
import io.mountscope.kernel.SelfAccounting;
import io.mountscope.kernel.SyscallException;
import io.mountscope.kernel.Syscalls;
import io.mountscope.model.MountTableSample;
import io.mountscope.util.Procfs;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Finds the node's mount namespaces (distinct /proc/PID/ns/mnt links) and counts the mounts of each
 * within a time budget: with listmount where the kernel has it, else by counting the lines of one
 * member's mountinfo. Namespaces not counted in time report -1.
 */
public final class NamespaceScanner {
  private final Path proc;
  private final byte[] buffer = new byte[1 << 16];

  public NamespaceScanner() {
    this(Path.of("/proc"));
  }

  NamespaceScanner(Path proc) {
    this.proc = proc;
  }

  /**
   * The namespaces, largest first, counting mounts for {@code budgetNanos} after the /proc walk
   * (mountscope's own namespace is always counted: one listmount).
   */
  public List<MountTableSample.Namespace> scan(long budgetNanos) throws IOException {
    Map<Long, int[]> members = new TreeMap<>(); // inode -> {processes, lowest pid}
    try (DirectoryStream<Path> pids = Files.newDirectoryStream(proc, p -> isPid(p.getFileName().toString()))) {
      for (Path p : pids) {
        long inode = namespaceInode(p.resolve("ns/mnt"));
        if (inode < 0) {
          continue; // exited, or a kernel thread we may not look into
        }
        int pid = Integer.parseInt(p.getFileName().toString());
        int[] m = members.computeIfAbsent(inode, k -> new int[] {0, Integer.MAX_VALUE});
        m[0]++;
        m[1] = Math.min(m[1], pid);
      }
    }
    long own = namespaceInode(proc.resolve("self/ns/mnt"));
    long deadline = System.nanoTime() + budgetNanos;
    List<MountTableSample.Namespace> out = new ArrayList<>();
    for (Map.Entry<Long, int[]> e : members.entrySet()) {
      int pid = e.getValue()[1];
      boolean ours = e.getKey() == own;
      long mounts = ours || System.nanoTime() < deadline ? countMounts(pid, ours) : -1;
      String comm = Procfs.read(proc.resolve(pid + "/comm")).orElse("?");
      out.add(new MountTableSample.Namespace(e.getKey(), mounts, e.getValue()[0], comm));
    }
    out.sort((a, b) -> a.mounts() != b.mounts() ? Long.compare(b.mounts(), a.mounts()) : Long.compare(a.id(), b.id()));
    return List.copyOf(out);
  }

  /** The inode in "mnt:[4026531841]", or -1. */
  static long namespaceInode(Path link) {
    try {
      String target = Files.readSymbolicLink(link).toString();
      int open = target.indexOf('[');
      int close = target.indexOf(']');
      return open > 0 && close > open ? Long.parseLong(target.substring(open + 1, close)) : -1;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  private long countMounts(int pid, boolean own) {
    if (MountListing.supported()) {
      try {
        if (own) {
          return MountListing.count(0);
        }
        int fd = Syscalls.open(proc.resolve(pid + "/ns/mnt").toString(), Syscalls.O_RDONLY);
        try {
          return MountListing.count(MountListing.namespaceId(fd));
        } finally {
          Syscalls.close(fd);
        }
      } catch (SyscallException e) {
        // An older kernel without NS_GET_MNTNS_ID, or the process left: count its mountinfo instead.
      }
    }
    return countLines(proc.resolve(pid + "/mountinfo"));
  }

  private long countLines(Path mountinfo) {
    long lines = 0;
    try (InputStream in = Files.newInputStream(mountinfo)) {
      int n;
      while ((n = in.read(buffer)) > 0) {
        SelfAccounting.mountinfoBytes(n);
        for (int i = 0; i < n; i++) {
          if (buffer[i] == '\n') {
            lines++;
          }
        }
      }
      return lines;
    } catch (IOException e) {
      return -1;
    }
  }

  private static boolean isPid(String name) {
    if (name.isEmpty()) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      if (name.charAt(i) < '0' || name.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }
}
