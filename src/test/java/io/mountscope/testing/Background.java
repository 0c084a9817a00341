package io.mountscope.testing;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The real launcher running in the background (a storm, a recipe), with the test's directories and its output in files. */
public record Background(Process process, Path out, Path err) {
  /** Starts {@code mountscope ARGS...}; stdin is /dev/null. */
  public static Background start(String... args) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(Launcher.executable().toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().put("MOUNTSCOPE_LOG_DIR", TestDirs.logDir().toString());
    pb.environment().put("MOUNTSCOPE_STATE_DIR", TestDirs.stateDir().toString());
    Path out = Files.createTempFile("mountscope-bg-out", ".txt");
    Path err = Files.createTempFile("mountscope-bg-err", ".txt");
    pb.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    return new Background(pb.start(), out, err);
  }

  public long pid() {
    return process.pid();
  }

  public String stdout() throws IOException {
    return Files.readString(out, StandardCharsets.UTF_8);
  }

  public String stderr() throws IOException {
    return Files.readString(err, StandardCharsets.UTF_8);
  }

  /** The exit code; kills the process (ours) and fails when it has not ended in time. */
  public int awaitExit(int seconds) throws InterruptedException {
    if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("the launcher did not end within " + seconds + " s");
    }
    return process.exitValue();
  }
}
