package io.mountscope.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * One tmux control-mode client (tmux -C) on a server of its own: commands go over its stdin and
 * their output comes back between %begin and %end, so polling a pane's screen costs the tmux
 * server a capture and nothing else. Polling with a tmux client process per capture forks and
 * execs every few milliseconds, on the CPUs the program being timed is starting on.
 */
final class TmuxControl implements AutoCloseable {
  private final String socket;
  private final Process client;
  private final OutputStream in;
  private final BufferedReader out;
  /** Ends this server if the bench is interrupted (Ctrl-C, SIGTERM): its sessions run programs being timed. */
  private final Thread onExit;

  private TmuxControl(String socket, Process client) {
    this.socket = socket;
    this.client = client;
    this.in = client.getOutputStream();
    this.out = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
    this.onExit = new Thread(this::killServer, "bench-tmux-cleanup");
    Runtime.getRuntime().addShutdownHook(onExit);
  }

  /** A server on {@code socket} with an idle session of the given size, and a control client attached to it. */
  static TmuxControl start(String socket, int columns, int rows) throws IOException, InterruptedException {
    Process server = new ProcessBuilder("tmux", "-L", socket, "-f", "/dev/null", "new-session", "-d", "-s", "idle", "-x",
        Integer.toString(columns), "-y", Integer.toString(rows), "sleep 3600").redirectErrorStream(true).start();
    String err = new String(server.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!server.waitFor(10, TimeUnit.SECONDS) || server.exitValue() != 0) {
      throw new IOException("tmux new-session failed: " + err.strip());
    }
    Process client = new ProcessBuilder("tmux", "-L", socket, "-C", "attach", "-t", "=idle")
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    return new TmuxControl(socket, client);
  }

  /** Runs one tmux command and returns its output; an %error reply is an IOException with tmux's words. */
  String command(String command) throws IOException {
    in.write((command + "\n").getBytes(StandardCharsets.UTF_8));
    in.flush();
    StringBuilder reply = new StringBuilder();
    boolean mine = false;
    while (true) {
      String line = out.readLine();
      if (line == null) {
        throw new IOException("tmux control client ended during '" + command + "'");
      }
      if (line.startsWith("%begin ")) {
        mine = line.endsWith(" 1"); // flags 1: the reply to a command of this client
        reply.setLength(0);
      } else if (mine && (line.startsWith("%end ") || line.startsWith("%error "))) {
        if (line.startsWith("%error ")) {
          throw new IOException("tmux " + command + ": " + reply.toString().strip());
        }
        return reply.toString();
      } else if (mine) {
        reply.append(line).append('\n');
      }
    }
  }

  /** A shell command as one double-quoted tmux argument. */
  static String quote(String shellCommand) {
    return '"' + shellCommand.replace("\\", "\\\\").replace("\"", "\\\"").replace("$", "\\$") + '"';
  }

  /** Ends the server (and with it every session on it) and the client. */
  @Override
  public void close() throws IOException, InterruptedException {
    try {
      killServer();
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(onExit);
      } catch (IllegalStateException exiting) {
        // the hook is running or has run
      }
      client.destroy();
      client.waitFor(5, TimeUnit.SECONDS);
    }
  }

  private void killServer() {
    try {
      new ProcessBuilder("tmux", "-L", socket, "kill-server").redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(10, TimeUnit.SECONDS);
      Files.deleteIfExists(Path.of("/tmp/tmux-" + io.mountscope.util.Procfs.effectiveUid(), socket));
    } catch (IOException e) {
      // no server left to end
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
