package io.mountscope.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A real terminal for tests: a detached tmux session on its own server socket, driven with
 * send-keys and read with capture-pane. Closing it kills only this session's server.
 */
public final class Tmux implements AutoCloseable {
  private final String socket;
  private final String session = "t";

  private Tmux(String socket) {
    this.socket = socket;
  }

  /**
   * Starts {@code shellCommand} in a new session of the given size; when it ends the pane shows
   * "[exited N]" with its exit code ($? is escaped: tmux hands the line to a shell of its own
   * first). The environment of the session is the test JVM's, plus TERM and the test's log and
   * state directories.
   */
  public static Tmux start(int columns, int rows, String term, String shellCommand) throws IOException, InterruptedException {
    Prerequisites.command("tmux", "tmux");
    Tmux t = new Tmux("mountscope-test-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
    String env = "export MOUNTSCOPE_LOG_DIR='" + TestDirs.logDir() + "' MOUNTSCOPE_STATE_DIR='" + TestDirs.stateDir()
        + "' TERM='" + term + "'; ";
    t.tmux("-f", "/dev/null", "new-session", "-d", "-s", t.session, "-x", Integer.toString(columns), "-y",
        Integer.toString(rows), "sh -c \"" + (env + shellCommand).replace("\"", "\\\"")
            // \$? so the inner shell reports the command's status; a bare $? is the outer shell's, always 0.
            + "; echo '[exited '\\$?']'; sleep 600\"");
    t.tmux("set-option", "-t", t.session, "status", "off");
    return t;
  }

  /** Sends keys as tmux names them ("q", "Enter", "C-c", "Tab", "Escape"). */
  public void send(String... keys) throws IOException, InterruptedException {
    List<String> args = new ArrayList<>(List.of("send-keys", "-t", session));
    args.addAll(List.of(keys));
    tmux(args.toArray(String[]::new));
  }

  /** Types literal text without interpreting key names (text may start with '-', as options do). */
  public void type(String text) throws IOException, InterruptedException {
    tmux("send-keys", "-t", session, "-l", "--", text);
  }

  /** The visible screen as text, one line per row. */
  public String screen() throws IOException, InterruptedException {
    return tmux("capture-pane", "-p", "-t", session);
  }

  /** The screen with escape sequences (colours, attributes). */
  public String screenWithEscapes() throws IOException, InterruptedException {
    return tmux("capture-pane", "-p", "-e", "-t", session);
  }

  /** Waits until the screen satisfies {@code condition}, or fails with the last screen. */
  public String await(Predicate<String> condition, int timeoutSeconds, String what) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
    String last = "";
    while (System.nanoTime() < deadline) {
      last = screen();
      if (condition.test(last)) {
        return last;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("timed out after " + timeoutSeconds + " s waiting for " + what + "; screen was:\n" + last);
  }

  public String awaitText(String text, int timeoutSeconds) throws IOException, InterruptedException {
    return await(s -> s.contains(text), timeoutSeconds, "'" + text + "'");
  }

  /** Appends every byte the program writes to the terminal from now on to {@code file}; null stops. */
  public void pipeOutput(Path file) throws IOException, InterruptedException {
    if (file == null) {
      tmux("pipe-pane", "-t", session);
    } else {
      tmux("pipe-pane", "-o", "-t", session, "cat >> '" + file + "'");
    }
  }

  public void resize(int columns, int rows) throws IOException, InterruptedException {
    tmux("resize-window", "-t", session, "-x", Integer.toString(columns), "-y", Integer.toString(rows));
  }

  /** The pid of the process running in the pane (the shell that runs the command). */
  public long panePid() throws IOException, InterruptedException {
    return Long.parseLong(tmux("display-message", "-p", "-t", session, "#{pane_pid}").trim());
  }

  /** The pane's tty device, for stty comparisons. */
  public String paneTty() throws IOException, InterruptedException {
    return tmux("display-message", "-p", "-t", session, "#{pane_tty}").trim();
  }

  String tmux(String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("tmux", "-L", socket));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException("tmux " + String.join(" ", args) + " failed: " + out);
    }
    return out;
  }

  @Override
  public void close() throws IOException, InterruptedException {
    try {
      tmux("kill-server");
    } catch (IOException alreadyGone) {
      // the server exits by itself when its last session ends
    }
    Files.deleteIfExists(Path.of("/tmp/tmux-0", socket));
  }
}
