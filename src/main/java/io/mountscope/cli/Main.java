package io.mountscope.cli;

import java.io.PrintWriter;

/** Entry point of the mountscope launcher: wires the command line and exits with its code. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    int code = args.length == 0 ? dashboard() : Cli.create(args).execute(args);
    System.out.flush();
    System.exit(code);
  }

  /**
   * {@code mountscope} alone opens the dashboard without building the command tree: picocli's
   * reflection over every subcommand costs more than a third of the first frame's time budget.
   */
  private static int dashboard() {
    try {
      return MountscopeCommand.dashboard();
    } catch (Exception e) {
      return Cli.report("mountscope", e, new PrintWriter(System.err, true));
    }
  }
}
