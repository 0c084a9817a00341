package io.mountscope.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.mountscope.util.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The real launcher running a command that prints one JSON object per line ("--watch --json"),
 * read as it goes. Closing ends that process (ours, by its handle).
 */
public final class JsonLines implements AutoCloseable {
  private final Process process;
  private final BlockingQueue<JsonNode> lines = new LinkedBlockingQueue<>();
  private final List<String> all = new ArrayList<>();
  private final Path stderr;
  private JsonNode last;

  private JsonLines(Process process, Path stderr) {
    this.process = process;
    this.stderr = stderr;
    Thread reader = new Thread(this::read, "json-lines");
    reader.setDaemon(true);
    reader.start();
  }

  public static JsonLines start(String... args) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(Launcher.executable().toString()));
    cmd.addAll(List.of(args));
    Path err = Files.createTempFile("mountscope-err", ".txt");
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(err.toFile());
    pb.environment().put("MOUNTSCOPE_LOG_DIR", TestDirs.logDir().toString());
    pb.environment().put("MOUNTSCOPE_STATE_DIR", TestDirs.stateDir().toString());
    return new JsonLines(pb.start(), err);
  }

  private void read() {
    try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        synchronized (all) {
          all.add(line);
        }
        try {
          lines.add(Json.mapper().readTree(line));
        } catch (IOException e) {
          // not JSON: kept in 'all' for the failure message
        }
      }
    } catch (IOException e) {
      // the process ended
    }
  }

  /** Waits for a line satisfying {@code condition} and returns it; fails with the last line seen. */
  public JsonNode await(Predicate<JsonNode> condition, int timeoutSeconds, String what) throws InterruptedException, IOException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
    while (System.nanoTime() < deadline) {
      JsonNode n = lines.poll(100, TimeUnit.MILLISECONDS);
      if (n != null) {
        last = n;
        if (condition.test(n)) {
          return n;
        }
      } else if (!process.isAlive() && lines.isEmpty()) {
        break;
      }
    }
    throw new AssertionError("timed out after " + timeoutSeconds + " s waiting for " + what + "; last line: " + last
        + "\nstderr: " + Files.readString(stderr));
  }

  @Override
  public void close() throws IOException, InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    Files.deleteIfExists(stderr);
  }
}
