package io.mountscope.util;

/** The exit-code convention shared by every command (documented in docs/cli.md). */
public final class ExitCodes {
  /** Success. */
  public static final int OK = 0;
  /** A check failed or the command reports a finding. */
  public static final int FINDING = 1;
  /** Usage or input error: a bad option, file or recipe. */
  public static final int USAGE = 2;
  /** A missing privilege or kernel feature. */
  public static final int UNAVAILABLE = 3;
  /** A bug in mountscope; the log file has the stack trace. */
  public static final int INTERNAL = 4;
  /** Interrupted by the operator (Ctrl-C / SIGINT), as shells report it. */
  public static final int INTERRUPTED = 130;

  private ExitCodes() {}
}
