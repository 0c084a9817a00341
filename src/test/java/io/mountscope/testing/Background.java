package io.mountscope.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A command of the real launcher (or any program) left running for a test: its output goes to
 * files, and closing it ends that process by its handle (SIGTERM, then SIGKILL after 10 s).
 */
public final class Background implements AutoCloseable {
  private final Process process;
  private final Path out;
  private final Path err;

  private Background(Process process, Path out, Path err) {
    this.process = process;
    this.out = out;
    this.err = err;
  }

  /** Starts the launcher with {@code args} and extra environment variables. */
  public static Background launcher(Map<String, String> env, String... args) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(Launcher.executable().toString()));
    cmd.addAll(List.of(args));
    return start(cmd, env);
  }

  /** Starts any program with the test's log and state directories in its environment. */
  public static Background start(List<String> cmd, Map<String, String> env) throws IOException {
    Path out = Files.createTempFile("bg-out", ".txt");
    Path err = Files.createTempFile("bg-err", ".txt");
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
    pb.environment().put("MOUNTSCOPE_LOG_DIR", TestDirs.logDir().toString());
    pb.environment().put("MOUNTSCOPE_STATE_DIR", TestDirs.stateDir().toString());
    pb.environment().putAll(env);
    return new Background(pb.start(), out, err);
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public String out() throws IOException {
    return Files.readString(out);
  }

  public String err() throws IOException {
    return Files.readString(err);
  }

  /** Waits until stderr contains {@code text}; fails with what it printed. */
  public String awaitErr(String text, int timeoutSeconds) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
    while (System.nanoTime() < deadline) {
      String e = err();
      if (e.contains(text)) {
        return e;
      }
      if (!process.isAlive()) {
        break;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no '" + text + "' on stderr after " + timeoutSeconds + " s (alive: " + process.isAlive()
        + "); stderr:\n" + err() + "\nstdout:\n" + out());
  }

  /** SIGTERM, as systemd or kubelet would stop it; returns the exit code. */
  public int terminate() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    return process.exitValue();
  }

  /** SIGKILL, as a crash or the OOM killer would; returns the exit code. */
  public int kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
    return process.exitValue();
  }

  /** Waits for the process to end on its own; returns its exit code. */
  public int await(int timeoutSeconds) throws InterruptedException, IOException {
    if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      process.destroyForcibly(); // ours: a test that failed must not leave it running
      throw new AssertionError("still running after " + timeoutSeconds + " s; stderr:\n" + err());
    }
    return process.exitValue();
  }

  @Override
  public void close() throws IOException, InterruptedException {
    if (process.isAlive()) {
      terminate();
    }
    Files.deleteIfExists(out);
    Files.deleteIfExists(err);
  }
}
