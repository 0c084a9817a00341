package io.mountscope.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs Debian's perf as the independent ground truth. perf mounts tracefs on the host when it
 * finds none, which mountscope must never cause, so every perf run happens inside its own private
 * mount namespace with a tracefs mounted there ({@code unshare --mount}).
 */
public final class Perf {
  // tracefs is one instance per kernel: where the host has it mounted already, that mount is used.
  private static final String TRACEFS = "{ grep -qs ' /sys/kernel/tracing tracefs ' /proc/self/mounts"
      + " || mount -t tracefs nodev /sys/kernel/tracing; }";
  private static final String SCRIPT = TRACEFS + " && exec perf \"$@\"";
  // Same, but says "ready" (into the file named by $0) and waits for a line on stdin before exec'ing perf.
  private static final String STAGED = TRACEFS + " && echo ready > \"$0\" && read go && exec perf \"$@\"";

  private Perf() {}

  private static List<String> wrap(String script, String arg0, String... args) {
    Prerequisites.command("perf", "linux-perf");
    Prerequisites.command("unshare", "util-linux");
    List<String> cmd = new ArrayList<>(List.of("unshare", "--mount", "--propagation", "private", "sh", "-c", script, arg0));
    cmd.addAll(List.of(args));
    return cmd;
  }

  /** The command line running {@code perf args...} inside a private mount namespace with tracefs. */
  public static List<String> command(String... args) {
    return wrap(SCRIPT, "perf", args);
  }

  /** Runs perf to completion; fails the test when it fails. */
  public static Launcher.Result run(int timeoutSeconds, String... args) throws IOException, InterruptedException {
    Launcher.Result r = Launcher.exec(wrap(SCRIPT, "perf", args), Map.of(), timeoutSeconds);
    if (r.exitCode() != 0) {
      throw new AssertionError("perf " + String.join(" ", args) + " failed (" + r.exitCode() + "): " + r.err());
    }
    return r;
  }

  /**
   * Prepares a perf run up to the moment before perf starts: the wrapper's own mount syscalls
   * (unshare's and tracefs') are done when this returns, so a measurement started now and
   * {@link Staged#go()} afterwards sees only what perf sees, plus nothing.
   */
  public static Staged staged(String... args) throws IOException, InterruptedException {
    Path ready = Files.createTempFile("mountscope-perf-ready", "");
    Files.delete(ready);
    Path out = Files.createTempFile("mountscope-perf-out", ".txt");
    Path err = Files.createTempFile("mountscope-perf-err", ".txt");
    Process p = new ProcessBuilder(wrap(STAGED, ready.toString(), args)).redirectOutput(out.toFile())
        .redirectError(err.toFile()).start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!Files.exists(ready) || Files.size(ready) == 0) {
      if (!p.isAlive() || System.nanoTime() > deadline) {
        p.destroyForcibly().waitFor();
        throw new AssertionError("perf wrapper did not get ready: " + Files.readString(err));
      }
      Thread.sleep(10);
    }
    Files.delete(ready);
    return new Staged(p, out, err, String.join(" ", args));
  }

  /** A perf run waiting at the starting line. */
  public static final class Staged implements AutoCloseable {
    private final Process process;
    private final Path out;
    private final Path err;
    private final String what;
    private boolean interrupted;

    private Staged(Process process, Path out, Path err, String what) {
      this.process = process;
      this.out = out;
      this.err = err;
      this.what = what;
    }

    /** Lets perf start. */
    public void go() throws IOException {
      OutputStream in = process.getOutputStream();
      in.write("go\n".getBytes(StandardCharsets.US_ASCII));
      in.flush();
    }

    /** Asks perf to stop as Ctrl-C would (SIGINT to the perf process we started). */
    public void interrupt() throws IOException, InterruptedException {
      interrupted = true; // perf then exits with its workload's signal status, having written its data
      new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).inheritIO().start().waitFor();
    }

    /** Waits for perf to end; fails the test when it overruns, or fails without having been interrupted. */
    public Launcher.Result finish(int timeoutSeconds) throws IOException, InterruptedException {
      if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
        throw new AssertionError("perf " + what + " timed out after " + timeoutSeconds + " s");
      }
      Launcher.Result r = new Launcher.Result(process.exitValue(), Files.readString(out), Files.readString(err));
      if (r.exitCode() != 0 && !interrupted) {
        throw new AssertionError("perf " + what + " failed (" + r.exitCode() + "): " + r.err());
      }
      return r;
    }

    @Override
    public void close() throws IOException {
      if (process.isAlive()) {
        process.destroyForcibly(); // ours, by handle
      }
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }
}
