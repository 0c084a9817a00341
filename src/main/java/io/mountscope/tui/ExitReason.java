package io.mountscope.tui;

/** Why {@link Dashboard#run()} returned: the caller decides what comes next. */
public enum ExitReason {
  /** q, when the dashboard was opened on its own: the program ends. */
  QUIT,
  /** q, when the console opened the dashboard: go back to the console. */
  BACK_TO_CONSOLE,
  /** ':' was pressed: open the console. */
  OPEN_CONSOLE,
  /** Ctrl-C. */
  INTERRUPTED,
  /** The terminal went away (end of input: the SSH session closed). */
  HANGUP
}
