package io.mountscope.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A containerd of the test's own: root, state, sockets and config under a temporary directory,
 * its own namespace name so runc's shared state directory never mixes with anybody else's, and
 * stopped by its PID. No other containerd on the machine is ever touched.
 */
public final class Containerd implements AutoCloseable {
  private final Path dir;
  private final String namespace;
  private Process daemon;

  private Containerd(Path dir, String namespace) {
    this.dir = dir;
    this.namespace = namespace;
  }

  /** Starts a fresh containerd and waits until its socket answers. */
  public static Containerd start() throws IOException, InterruptedException {
    Prerequisites.root();
    Prerequisites.command("containerd", "containerd");
    Prerequisites.command("ctr", "containerd");
    Prerequisites.command("runc", "runc");
    Prerequisites.command("containerd-shim-runc-v2", "containerd");
    // Short path: unix socket paths are limited to 107 bytes.
    Path dir = Files.createTempDirectory(Path.of("/tmp"), "ms-ctrd-");
    Containerd c = new Containerd(dir, "mstest-" + ProcessHandle.current().pid() + "-" + dir.getFileName().toString().substring(8));
    Files.writeString(dir.resolve("config.toml"), String.join("\n",
        "version = 2",
        "root = \"" + dir.resolve("root") + "\"",
        "state = \"" + dir.resolve("state") + "\"",
        // the CRI plugin wants CNI and a kubelet; nothing here needs it
        "disabled_plugins = [\"io.containerd.grpc.v1.cri\"]",
        "[grpc]",
        "  address = \"" + c.address() + "\"",
        "[ttrpc]",
        "  address = \"" + c.address() + ".ttrpc\"",
        "[debug]",
        "  address = \"\"",
        "  level = \"info\"", ""));
    c.launch();
    return c;
  }

  private void launch() throws IOException, InterruptedException {
    // In a mount namespace of its own: the overlays it mounts for containers never show on the
    // host, and vanish with it even if a test dies before stopping it. unshare execs containerd.
    daemon = new ProcessBuilder("unshare", "--mount", "--propagation", "private",
        "containerd", "--config", dir.resolve("config.toml").toString())
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("containerd.log").toFile()))
        .start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      if (daemon.isAlive() && Files.exists(Path.of(address())) && ctr(null, "version").exitCode() == 0) {
        return;
      }
      if (!daemon.isAlive()) {
        break;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("containerd did not come up; its log:\n" + Files.readString(dir.resolve("containerd.log")));
  }

  public String address() {
    return dir.resolve("containerd.sock").toString();
  }

  /** The directory holding the socket (mode 0700, like /run/containerd on Debian). */
  public Path socketDir() {
    return dir;
  }

  /** Lines of the host's mountinfo under this containerd's directory (a test leaves none behind). */
  public List<String> mountsBelow() throws IOException {
    return Files.readAllLines(Path.of("/proc/self/mountinfo")).stream().filter(l -> l.contains(" " + dir + "/")).toList();
  }

  /** The namespace this test's images and containers live in. */
  public String namespace() {
    return namespace;
  }

  public boolean isAlive() {
    return daemon != null && daemon.isAlive();
  }

  public long pid() {
    return daemon.pid();
  }

  /** SIGKILL, as a crash would: the socket file stays behind. */
  public void kill() throws InterruptedException {
    daemon.destroyForcibly();
    daemon.waitFor(10, TimeUnit.SECONDS);
  }

  /** Starts the same containerd again (same root, state and socket). */
  public void restart() throws IOException, InterruptedException {
    launch();
  }

  /** Runs ctr against this containerd ({@code ns} null: ctr's default namespace). */
  public Launcher.Result ctr(String ns, String... args) throws IOException, InterruptedException {
    return Launcher.exec(command(ns, args), Map.of(), 120);
  }

  /** Runs ctr and fails the test unless it succeeds. */
  public String ctrOk(String... args) throws IOException, InterruptedException {
    Launcher.Result r = ctr(namespace, args);
    if (r.exitCode() != 0) {
      throw new AssertionError("ctr " + String.join(" ", args) + " failed: " + r.err());
    }
    return r.out();
  }

  /** ctr's command line against this containerd. */
  public List<String> command(String ns, String... args) {
    List<String> cmd = new ArrayList<>(List.of("ctr", "--address", address()));
    if (ns != null) {
      cmd.addAll(List.of("--namespace", ns));
    }
    cmd.addAll(List.of(args));
    return cmd;
  }

  /** Imports an OCI archive into this test's namespace. */
  public void importImage(Path archive) throws IOException, InterruptedException {
    ctrOk("images", "import", archive.toString());
  }

  /**
   * A runc-compatible wrapper that waits {@code seconds} before running "runc create", so a start
   * stays in flight long enough to be watched ({@code ctr run --runc-binary}).
   */
  public Path slowRunc(double seconds) throws IOException {
    Path p = dir.resolve("slow-runc-" + seconds);
    Files.writeString(p, "#!/bin/sh\ncase \" $* \" in *\" create \"*) sleep " + seconds + ";; esac\nexec "
        + Prerequisites.command("runc", "runc") + " \"$@\"\n", StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    return p;
  }

  /** Starts "ctr run -d" of {@code image} as container {@code id} through {@code runc}; returns the ctr process. */
  public Process runDetached(String image, String id, Path runc, String... command) throws IOException {
    // no "--" before the command: ctr run passes it on as the command itself
    List<String> cmd = command(namespace, "run", "-d", "--runc-binary", runc.toString(), image, id);
    cmd.addAll(List.of(command));
    return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
  }

  /** Kills and deletes every task and container of the test's namespace. */
  public void removeContainers() throws IOException, InterruptedException {
    for (String line : ctr(namespace, "tasks", "list", "--quiet").out().split("\n")) {
      String id = line.trim();
      if (!id.isEmpty()) {
        ctr(namespace, "tasks", "kill", "--signal", "SIGKILL", id);
      }
    }
    for (String line : ctr(namespace, "containers", "list", "--quiet").out().split("\n")) {
      String id = line.trim();
      if (!id.isEmpty()) {
        for (int i = 0; i < 50 && ctr(namespace, "tasks", "delete", id).err().contains("running"); i++) {
          Thread.sleep(100);
        }
        ctr(namespace, "containers", "delete", id);
      }
    }
  }

  /**
   * Removes the test's containers, fails if any mount is left below this containerd's directory
   * (every rootfs it mounted on the host for the test's starts must be gone), then stops it.
   */
  public void closeLeavingNoMounts() throws IOException, InterruptedException {
    try {
      removeContainers();
      List<String> left = mountsBelow();
      if (!left.isEmpty()) {
        throw new AssertionError("mounts left behind below " + dir + ":\n" + String.join("\n", left));
      }
    } finally {
      close();
    }
  }

  @Override
  public void close() throws IOException, InterruptedException {
    try {
      if (daemon != null && daemon.isAlive()) {
        removeContainers();
      }
    } finally {
      if (daemon != null) {
        daemon.destroy();
        if (!daemon.waitFor(10, TimeUnit.SECONDS)) {
          daemon.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
      }
      // runc keeps a state directory per namespace under a root shared by every containerd here
      try {
        Files.deleteIfExists(Path.of("/run/containerd/runc", namespace));
      } catch (IOException notEmpty) {
        // a container of ours is still there: leave its state for whoever looks into it
      }
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      } catch (IOException e) {
        // a snapshot still mounted by a stuck shim would keep its directory: leave it, report nothing
      }
    }
  }
}
