package io.mountscope.plugins.kubelet;

import io.mountscope.plugin.api.Unavailable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The kubelet unit's messages in systemd's journal, through {@code journalctl -u UNIT -o cat
 * --show-cursor}: the first read takes the last {@link #FIRST_SINCE}, each later one starts
 * after the cursor the previous one ended at, so nothing is read twice and rotation is
 * journald's business. At most {@link #MAX_LINES} entries a read.
 */
final class JournalLog implements KubeletLog {
  static final String FIRST_SINCE = "-10min";
  static final int MAX_LINES = 20000;
  private static final String CURSOR = "-- cursor: ";

  private final String unit;
  private String cursor;

  JournalLog(String unit) {
    this.unit = unit;
  }

  @Override
  public List<String> readNew() throws Unavailable, IOException {
    if (!Files.isDirectory(Path.of("/run/systemd/system"))) {
      throw new Unavailable("no systemd journal: this node does not run systemd (pid 1 is " + pid1()
          + "); set log to the kubelet's log file");
    }
    List<String> cmd = new ArrayList<>(List.of("journalctl", "-u", unit, "-o", "cat", "--no-pager", "--show-cursor",
        "-n", String.valueOf(MAX_LINES)));
    cmd.add(cursor == null ? "--since=" + FIRST_SINCE : "--after-cursor=" + cursor);
    List<String> lines = run(cmd);
    List<String> out = new ArrayList<>();
    for (String l : lines) {
      if (l.startsWith(CURSOR)) {
        cursor = l.substring(CURSOR.length()).strip();
      } else if (!l.equals("-- No entries --")) {
        out.add(l);
      }
    }
    if (cursor == null && out.isEmpty()) {
      List<String> state = run(List.of("systemctl", "show", "-p", "LoadState", "--value", unit + ".service"));
      if (state.contains("not-found")) {
        throw new Unavailable("no systemd unit " + unit + ".service on this node (set journal-unit, or log to a file)");
      }
    }
    return out;
  }

  private static List<String> run(List<String> cmd) throws Unavailable, IOException {
    Process p;
    try {
      p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    } catch (IOException e) {
      throw new Unavailable(cmd.get(0) + " cannot run: " + e.getMessage());
    }
    byte[] text;
    try (InputStream in = p.getInputStream()) {
      text = in.readAllBytes();
      if (!p.waitFor(2, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new Unavailable(String.join(" ", cmd) + " did not finish in 2 s");
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    if (p.exitValue() != 0) {
      throw new Unavailable(String.join(" ", cmd) + " failed (exit " + p.exitValue() + ")");
    }
    return new String(text, StandardCharsets.UTF_8).lines().toList();
  }

  private static String pid1() {
    try {
      return Files.readString(Path.of("/proc/1/comm")).strip();
    } catch (IOException e) {
      return "unknown";
    }
  }

  @Override
  public String describe() {
    return "journal:" + unit;
  }

  @Override
  public long rotations() {
    return 0;
  }

  @Override
  public void close() {}
}
