package io.mountscope.cli;

import java.io.PrintWriter;

/** Entry point of the mountscope launcher: wires the command line and exits with its code. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    // Threads log while logging starts (the dashboard's warm-up); SLF4J then replays those lines into
    // the log file and says so on stderr, which is the operator's terminal. Its notes stay quiet.
    System.setProperty("slf4j.internal.verbosity", "ERROR");
    io.mountscope.kernel.NativePaths.giveJnaTheLibraryDirectories();
    int code = args.length == 0 ? dashboard() : Cli.create(args).execute(args);
    System.out.flush();
    System.exit(code);
  }

  /**
   * {@code mountscope} alone opens the dashboard without building the command tree: picocli's
   * reflection over every subcommand costs more than a third of the first frame's time budget.
   */
  private static int dashboard() {
    warmUp();
    try {
      return MountscopeCommand.dashboard();
    } catch (Exception e) {
      return Cli.report("mountscope", e, new PrintWriter(System.err, true));
    }
  }

  /**
   * Starts JNA, starts logging and reads the diagnosis rules on threads of their own while this
   * one starts the probes and sets up the terminal: each would otherwise sit on the way to the
   * first frame. JNA first: the probes' first reads and the terminal both wait for it.
   * (cds-training runs this too, so the archive holds these lambdas' classes.)
   */
  static void warmUp() {
    background("warm-up-jna", io.mountscope.kernel.LibC::getpagesize);
    background("warm-up-log", org.slf4j.LoggerFactory::getILoggerFactory);
    background("warm-up-rules", io.mountscope.diagnose.RuleSet::builtIn);
  }

  private static void background(String name, Runnable work) {
    Thread t = new Thread(() -> {
      try {
        work.run();
      } catch (RuntimeException | LinkageError e) {
        // whoever needs it next meets the same error and reports it
      }
    }, name);
    t.setDaemon(true);
    t.start();
  }
}
