package io.mountscope.console;

import java.util.List;

/**
 * What the console-only commands ask of the console running them. The interactive console and the
 * runbook runner implement it; what makes no sense in a runbook ({@code dash}) fails there with a
 * usage error.
 */
interface ConsoleControl {
  /** Leave the console for the dashboard once the current command returns. */
  void openDashboard();

  /** Stop the console (or the runbook) with this exit code once the current command returns. */
  void exit(int code);

  /** Clear the screen (nothing in a runbook). */
  void clearScreen();

  /** The persistent history, oldest first. */
  List<String> history();

  /** Forget the persistent history. */
  void clearHistory();

  /** True in the interactive console, false when running a runbook. */
  boolean interactive();
}
