package io.mountscope.cli;

import io.mountscope.kernel.SyscallException;
import io.mountscope.util.Dirs;
import io.mountscope.util.ExitCodes;
import io.mountscope.util.InputException;
import io.mountscope.util.UnavailableException;
import java.io.InterruptedIOException;
import java.io.PrintWriter;
import java.nio.channels.ClosedByInterruptException;
import java.util.concurrent.CancellationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Builds the picocli command tree with mountscope's error policy: every failure is one line on
 * stderr and an exit code from {@link ExitCodes}; stack traces go only to the log file.
 */
public final class Cli {
  private Cli() {}

  public static CommandLine create() {
    return create(true);
  }

  /** The tree for one command line: plugins are loaded for it only when its first word may be a plugin's command. */
  public static CommandLine create(String[] args) {
    return create(args.length == 0 || io.mountscope.plugin.PluginCommands.mayName(args[0]));
  }

  private static CommandLine create(boolean pluginCommands) {
    CommandLine cl = new CommandLine(new MountscopeCommand());
    if (pluginCommands) {
      io.mountscope.plugin.PluginCommands.addTo(cl); // before the handlers, which apply to the subcommands present
    }
    cl.setParameterExceptionHandler(new UsageErrors());
    cl.setExecutionExceptionHandler(new ExecutionErrors());
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    return cl;
  }

  /** Bad options: "mountscope doctor: Unknown option: '--x' (see 'mountscope doctor --help')", exit 2. */
  static final class UsageErrors implements IParameterExceptionHandler {
    @Override
    public int handleParseException(ParameterException ex, String[] args) {
      CommandLine cmd = ex.getCommandLine();
      String name = cmd.getCommandSpec().qualifiedName();
      PrintWriter err = cmd.getErr();
      err.println(name + ": " + oneLine(ex.getMessage()) + " (see '" + name + " --help')");
      err.flush();
      return ExitCodes.USAGE;
    }
  }

  /** Failures while running a command, mapped to the exit-code convention. */
  static final class ExecutionErrors implements IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parsed) {
      return report(cmd.getCommandSpec().qualifiedName(), ex, cmd.getErr());
    }
  }

  /** The error policy for a failed command {@code name}: one line on {@code err}, the exit code. */
  public static int report(String name, Exception ex, PrintWriter err) {
    // Looked up here, not in a static field: logging starts only when something is logged.
    Logger log = LoggerFactory.getLogger(Cli.class);
    int code = exitCodeOf(ex);
    if (code == ExitCodes.INTERNAL) {
      log.error("{} failed", name, ex);
      err.println(name + ": internal error: " + oneLine(String.valueOf(ex.getMessage()))
          + " (stack trace in " + Dirs.logFile() + ")");
    } else {
      log.info("{} failed: {}", name, ex.toString(), ex);
      err.println(name + ": " + messageOf(ex));
    }
    err.flush();
    return code;
  }

  /** The exit code an exception stands for. */
  public static int exitCodeOf(Throwable ex) {
    if (isInterruption(ex)) {
      return ExitCodes.INTERRUPTED;
    }
    if (ex instanceof InputException) {
      return ExitCodes.USAGE;
    }
    if (ex instanceof UnavailableException) {
      return ExitCodes.UNAVAILABLE;
    }
    if (ex instanceof SyscallException se && se.isPermission()) {
      return ExitCodes.UNAVAILABLE;
    }
    return ExitCodes.INTERNAL;
  }

  /**
   * The operator stopped the command: Ctrl-C in the console interrupts the command's thread, and
   * a cancelled question throws CancellationException. Not a failure: no stack trace.
   */
  static boolean isInterruption(Throwable ex) {
    return ex instanceof InterruptedException || ex instanceof InterruptedIOException
        || ex instanceof ClosedByInterruptException || ex instanceof CancellationException;
  }

  /** The one line shown for an expected failure. */
  public static String messageOf(Throwable ex) {
    if (isInterruption(ex)) {
      return ex instanceof CancellationException && ex.getMessage() != null ? ex.getMessage() : "interrupted";
    }
    if (ex instanceof UnavailableException ue) {
      return oneLine(ue.oneLine());
    }
    if (ex instanceof SyscallException se && se.isPermission()) {
      return oneLine(se.getMessage()) + ": run as root, or with CAP_SYS_ADMIN and CAP_PERFMON";
    }
    return oneLine(String.valueOf(ex.getMessage()));
  }

  static String oneLine(String s) {
    return s.replace('\n', ' ').replace('\r', ' ').trim();
  }
}
