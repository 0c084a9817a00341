package io.mountscope.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the built launcher (target/dist/bin/mountscope) as a user would, and captures what it prints. */
public final class Launcher {
  private Launcher() {}

  /** What a finished command left: exit code, stdout, stderr. */
  public record Result(int exitCode, String out, String err) {
    public List<String> errLines() {
      return err.lines().toList();
    }
  }

  /** The dist directory built by Maven's package phase. */
  public static Path dist() {
    String p = System.getProperty("mountscope.dist");
    Path dist = p != null ? Path.of(p) : Path.of("target/dist").toAbsolutePath();
    if (!Files.isExecutable(dist.resolve("bin/mountscope"))) {
      throw new IllegalStateException("no launcher at " + dist + "/bin/mountscope: run 'mvn package' first");
    }
    return dist;
  }

  public static Path executable() {
    return dist().resolve("bin/mountscope");
  }

  public static Result run(String... args) throws IOException, InterruptedException {
    return run(Map.of(), 120, args);
  }

  /** Runs with extra environment variables and a timeout in seconds (the process is killed after it). */
  public static Result run(Map<String, String> env, int timeoutSeconds, String... args)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(executable().toString());
    cmd.addAll(List.of(args));
    return exec(cmd, env, timeoutSeconds);
  }

  /** Runs any command line with the test's log and state directories, capturing its output. */
  public static Result exec(List<String> cmd, Map<String, String> env, int timeoutSeconds)
      throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(cmd);
    Map<String, String> e = new HashMap<>(pb.environment());
    e.putIfAbsent("MOUNTSCOPE_LOG_DIR", TestDirs.logDir().toString());
    e.putIfAbsent("MOUNTSCOPE_STATE_DIR", TestDirs.stateDir().toString());
    e.putAll(env);
    pb.environment().clear();
    pb.environment().putAll(e);
    Path out = Files.createTempFile("mountscope-out", ".txt");
    Path err = Files.createTempFile("mountscope-err", ".txt");
    pb.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
    Process p = pb.start();
    try {
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor();
        throw new AssertionError("timed out after " + timeoutSeconds + " s: " + String.join(" ", cmd)
            + "\nstdout: " + Files.readString(out) + "\nstderr: " + Files.readString(err));
      }
      return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }
}
