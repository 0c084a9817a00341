package io.mountscope.containerd;

import io.mountscope.util.UnavailableException;
import java.io.File;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * containerd's own client, {@code ctr}, pointed at one containerd address. mountscope talks to
 * containerd only through it, so every call is a command an operator can rerun by hand
 * ({@link #command}); docs/containerd.md says why this and not gRPC.
 */
public final class Ctr {
  /** Seconds ctr may take to connect; its own default waits 10 s on a missing socket. */
  static final String CONNECT_TIMEOUT = "2s";
  private static final ExecutorService DRAIN = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "ctr-stderr");
    t.setDaemon(true);
    return t;
  });

  private final List<String> binary;
  private final String address;
  private final long timeoutSeconds;

  private Ctr(List<String> binary, String address, long timeoutSeconds) {
    this.binary = binary;
    this.address = address;
    this.timeoutSeconds = timeoutSeconds;
  }

  /** ctr from MOUNTSCOPE_CTR (a command line such as "k3s ctr") or PATH, for {@code address}. */
  public static Ctr at(String address) {
    return new Ctr(locate(), ContainerdAddress.path(address), 60);
  }

  /** The same client with a different timeout for non-streaming commands. */
  public Ctr withTimeout(long seconds) {
    return new Ctr(binary, address, seconds);
  }

  public String address() {
    return address;
  }

  static List<String> locate() {
    String env = System.getenv("MOUNTSCOPE_CTR");
    if (env != null && !env.isBlank()) {
      return List.of(env.trim().split("\\s+"));
    }
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator)) {
      Path p = Path.of(dir, "ctr");
      if (Files.isExecutable(p)) {
        return List.of(p.toString());
      }
    }
    for (String p : List.of("/usr/bin/ctr", "/usr/local/bin/ctr")) {
      if (Files.isExecutable(Path.of(p))) {
        return List.of(p);
      }
    }
    throw new UnavailableException("ctr (containerd's client) not found",
        "install the containerd package, or set MOUNTSCOPE_CTR to its path (e.g. 'k3s ctr')");
  }

  /** The full command line for {@code args} in {@code namespace} (null: ctr's default). */
  public List<String> command(String namespace, String... args) {
    List<String> cmd = new ArrayList<>(binary);
    cmd.add("--address");
    cmd.add(address);
    cmd.add("--connect-timeout");
    cmd.add(CONNECT_TIMEOUT);
    if (namespace != null) {
      cmd.add("--namespace");
      cmd.add(namespace);
    }
    cmd.addAll(List.of(args));
    return cmd;
  }

  /** Runs a command to completion and returns its standard output. */
  public String run(String namespace, String... args) {
    return new String(runBytes(namespace, args), StandardCharsets.UTF_8);
  }

  /** Runs a command to completion and returns its standard output as bytes. */
  public byte[] runBytes(String namespace, String... args) {
    List<String> cmd = command(namespace, args);
    Process p = start(cmd);
    CompletableFuture<String> err = drain(p.getErrorStream());
    try (InputStream out = p.getInputStream()) {
      byte[] bytes = out.readAllBytes();
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new CtrException(cmd, -1, "timed out after " + timeoutSeconds + " s");
      }
      if (p.exitValue() != 0) {
        throw new CtrException(cmd, p.exitValue(), err.join());
      }
      return bytes;
    } catch (IOException e) {
      p.destroyForcibly();
      throw new CtrException(cmd, -1, e.getMessage());
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new CtrException(cmd, -1, "interrupted");
    }
  }

  /**
   * Streams a command's standard output (a blob of {@code ctr content get}); closing the stream
   * reaps the process and throws if it failed, so a truncated blob never passes for a whole one.
   */
  public InputStream open(String namespace, String... args) {
    List<String> cmd = command(namespace, args);
    Process p = start(cmd);
    CompletableFuture<String> err = drain(p.getErrorStream());
    return new FilterInputStream(p.getInputStream()) {
      private boolean closed;

      @Override
      public void close() throws IOException {
        if (closed) {
          return;
        }
        closed = true;
        boolean atEnd = in.read() < 0;
        super.close();
        try {
          if (!atEnd) {
            p.destroy();
          }
          p.waitFor();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        if (atEnd && p.exitValue() != 0) {
          throw new IOException(new CtrException(cmd, p.exitValue(), err.join()).getMessage());
        }
      }
    };
  }

  /** Starts a long-running command (ctr events); the caller owns and ends the process. */
  public Process startStreaming(String namespace, String... args) {
    return start(command(namespace, args));
  }

  private static Process start(List<String> cmd) {
    ProcessBuilder pb = new ProcessBuilder(cmd);
    // ctr prints event times in its local zone; UTC makes them parseable everywhere.
    pb.environment().put("TZ", "UTC");
    pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    try {
      return pb.start();
    } catch (IOException e) {
      throw new UnavailableException("cannot run " + cmd.get(0) + ": " + e.getMessage(),
          "install the containerd package, or set MOUNTSCOPE_CTR");
    }
  }

  /** Reads a process's stderr on a helper thread, so a chatty process never blocks on a full pipe. */
  public static CompletableFuture<String> drain(InputStream err) {
    return CompletableFuture.supplyAsync(() -> {
      try (err) {
        return new String(err.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        return "";
      }
    }, DRAIN);
  }
}
