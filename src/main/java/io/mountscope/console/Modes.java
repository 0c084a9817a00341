package io.mountscope.console;

import io.mountscope.kernel.LibC;
import io.mountscope.kernel.TtySettings;
import io.mountscope.model.Model;
import io.mountscope.tui.Dashboard;
import io.mountscope.tui.DashboardOptions;
import io.mountscope.tui.ExitReason;
import io.mountscope.tui.LiveSource;
import io.mountscope.util.InputException;
import java.io.IOException;
import java.util.function.Supplier;
import org.jline.terminal.Terminal;
import org.jline.terminal.Terminal.Signal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.ShutdownHooks;

/**
 * The one owner of the terminal for a whole session: runs the dashboard and the console in turn.
 * It records the terminal's settings once, at the start, byte for byte, and puts them back every
 * time the terminal changes hands, before every console command and at the end (also on
 * SIGTERM), whatever the other side left, so any number of round trips leave the terminal as the
 * shell had it. One live source feeds both: the dashboard's panels and the console's status line.
 */
public final class Modes {
  private Modes() {}

  /** Where a session starts: {@code mountscope} opens the dashboard, {@code mountscope console} the console. */
  public enum Start { DASHBOARD, CONSOLE }

  /**
   * Runs until the operator quits: q (or Ctrl-C, exit 130) in the dashboard when the session
   * started there, exit or Ctrl-D in the console. ':' in the dashboard opens the console, 'dash'
   * or F2 returns; when the session started in the console, q in the dashboard comes back to it.
   */
  public static int run(Start start) throws Exception {
    // JDK 17-21 give no Console unless stdin and stdout are terminals: refuse before any probe starts.
    // (Later JDKs may give one anyway; isatty below is the check that decides.)
    if (System.console() == null) {
      throw notATerminal(start);
    }
    LiveSource source = Dashboard.liveSource();
    if (start == Start.DASHBOARD) {
      source.start(() -> {}); // the built-in probes read while the terminal is set up
    }
    DashboardOptions options = start == Start.CONSOLE ? DashboardOptions.fromConsole()
        : DashboardOptions.standalone().withConsole();
    // JNA starts meanwhile on the launcher's warm-up thread (Main); the plugins load after the first frame.
    Dashboard dashboard = new Dashboard(source, options);
    if (LibC.isatty(0) != 1 || LibC.isatty(1) != 1) {
      dashboard.close();
      throw notATerminal(start);
    }
    TtySettings shell = TtySettings.save(0);
    Terminal terminal = null; // made when the console is first needed: the dashboard starts faster
    ConsoleSession console = null;
    try (dashboard) {
      Supplier<Model> latest = source::latest;
      boolean inDashboard = start == Start.DASHBOARD;
      while (true) {
        if (inDashboard) {
          if (console != null) {
            console.suspend();
          }
          ExitReason exit = dashboard(dashboard, terminal, shell);
          boolean ends = exit == ExitReason.HANGUP
              || start == Start.DASHBOARD && (exit == ExitReason.QUIT || exit == ExitReason.INTERRUPTED);
          if (ends) {
            return Dashboard.exitCode(exit);
          }
          inDashboard = false;
        } else {
          if (console == null) {
            dashboard.source().start(() -> {}); // the status line's feed, before the dashboard ever ran
            terminal = systemTerminal();
            // A stray Ctrl-C between two commands must not kill the session in raw mode.
            terminal.handle(Signal.INT, Terminal.SignalHandler.SIG_IGN);
            // JLine's own hook restores the terminal on SIGTERM, inexactly; this one runs after it.
            ShutdownHooks.add(shell::restore);
            console = ConsoleSession.open(terminal, shell, ConsoleSession.historyFile(), latest);
          }
          ConsoleSession.Outcome outcome = console.run();
          if (!outcome.dashboard()) {
            return outcome.exitCode();
          }
          inDashboard = true;
        }
      }
    } finally {
      if (console != null) {
        console.close();
      }
      if (terminal != null) {
        terminal.close();
      }
      shell.restore(); // after JLine's own restore on close, which is not exact
    }
  }

  private static InputException notATerminal(Start start) {
    return new InputException(start == Start.DASHBOARD
        ? "the dashboard needs a terminal; use 'mountscope snapshot' or 'watch --json' in scripts"
        : "the console needs a terminal; use 'mountscope console --file RUNBOOK' in scripts");
  }

  /**
   * The JLine terminal on stdin/stdout. JNA first: JLine's JNI provider rebuilds the whole
   * termios on every change and so zeroes the line speed (B0, a hang-up on a serial console);
   * the JNA provider keeps c_cflag as it was. exec (stty) is the fallback.
   */
  static Terminal systemTerminal() throws IOException {
    JlineLog.install();
    return TerminalBuilder.builder().name("mountscope").system(true).providers("jna,exec").build();
  }

  /** Hands the terminal to the dashboard in the shell's settings, and takes it back in them. */
  private static ExitReason dashboard(Dashboard dashboard, Terminal terminal, TtySettings shell) throws Exception {
    if (terminal != null) {
      terminal.flush();
    }
    shell.restore();
    try {
      return dashboard.run();
    } finally {
      shell.restore();
    }
  }
}
