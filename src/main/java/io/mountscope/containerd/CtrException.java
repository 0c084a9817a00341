package io.mountscope.containerd;

import java.util.List;

/** A ctr command that failed: its command line, exit code and what it printed on stderr. */
public final class CtrException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int exitCode;
  private final String stderr;

  public CtrException(List<String> command, int exitCode, String stderr) {
    super(String.join(" ", command) + ": " + firstLine(stderr));
    this.exitCode = exitCode;
    this.stderr = stderr == null ? "" : stderr;
  }

  public int exitCode() {
    return exitCode;
  }

  /** What ctr said, first line, without its "ctr: " prefix. */
  public String reason() {
    return firstLine(stderr);
  }

  /** True when ctr reported that the thing asked for does not exist. */
  public boolean notFound() {
    return stderr.contains("not found");
  }

  /** The first line of what ctr printed, without its "ctr: " prefix. */
  public static String firstLine(String s) {
    if (s == null || s.isBlank()) {
      return "failed without a message";
    }
    String line = s.strip().lines().findFirst().orElse("");
    return line.startsWith("ctr: ") ? line.substring(5) : line;
  }
}
