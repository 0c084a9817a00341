package io.mountscope.console;

import io.mountscope.util.InputException;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** The commands that exist only inside the console: dash, history, clear, exit and help. */
final class ConsoleOnly {
  private ConsoleOnly() {}

  /** Adds the console-only commands to a command tree built by {@code Cli.create()}. */
  static void addTo(CommandLine root, ConsoleControl control) {
    root.addSubcommand("dash", new Dash(control));
    root.addSubcommand("history", new History(control));
    root.addSubcommand("clear", new Clear(control));
    root.addSubcommand("exit", new Exit(control));
    root.addSubcommand("help", new Help());
  }

  @Command(name = "dash", aliases = "dashboard", mixinStandardHelpOptions = true,
      description = {"Open the dashboard in this terminal; q there comes back to the console (F2 does the same)."})
  static final class Dash implements Callable<Integer> {
    private final ConsoleControl control;

    Dash(ConsoleControl control) {
      this.control = control;
    }

    @Override
    public Integer call() {
      if (!control.interactive()) {
        throw new InputException("dash needs the interactive console, not a runbook");
      }
      control.openDashboard();
      return 0;
    }
  }

  @Command(name = "history", mixinStandardHelpOptions = true,
      description = {"Show the console's history (kept across sessions; Ctrl-R searches it, !N reruns entry N)."})
  static final class History implements Callable<Integer> {
    private final ConsoleControl control;

    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "COUNT", description = "Show only the last COUNT entries.")
    Integer count;

    @Option(names = "--clear", description = "Forget the whole history.")
    boolean clear;

    History(ConsoleControl control) {
      this.control = control;
    }

    @Override
    public Integer call() {
      if (!control.interactive()) {
        throw new InputException("history is kept by the interactive console; a runbook has none");
      }
      PrintWriter out = spec.commandLine().getOut();
      if (clear) {
        control.clearHistory();
        out.println("history cleared");
        return 0;
      }
      if (count != null && count < 0) {
        throw new InputException("COUNT must be positive, got " + count);
      }
      List<String> all = control.history();
      int from = count == null ? 0 : Math.max(0, all.size() - count);
      int digits = Integer.toString(Math.max(1, all.size())).length();
      for (int i = from; i < all.size(); i++) {
        out.printf("%" + digits + "d  %s%n", i + 1, all.get(i));
      }
      out.flush();
      return 0;
    }
  }

  @Command(name = "clear", aliases = "cls", mixinStandardHelpOptions = true, description = {"Clear the screen (Ctrl-L does the same)."})
  static final class Clear implements Callable<Integer> {
    private final ConsoleControl control;

    Clear(ConsoleControl control) {
      this.control = control;
    }

    @Override
    public Integer call() {
      control.clearScreen();
      return 0;
    }
  }

  @Command(name = "exit", aliases = "quit", mixinStandardHelpOptions = true,
      description = {"Leave mountscope (Ctrl-D does the same). In a runbook, stop it here with CODE."})
  static final class Exit implements Callable<Integer> {
    private final ConsoleControl control;

    @Parameters(arity = "0..1", paramLabel = "CODE", defaultValue = "0", description = "Exit code (default 0).")
    int code;

    Exit(ConsoleControl control) {
      this.control = control;
    }

    @Override
    public Integer call() {
      if (code < 0 || code > 255) {
        throw new InputException("CODE must be between 0 and 255, got " + code);
      }
      control.exit(code);
      return 0;
    }
  }

  @Command(name = "help", mixinStandardHelpOptions = true, description = {"List the commands, or show one command's help."})
  static final class Help implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "COMMAND", description = "A command, e.g. 'help snapshot' or 'help bench startup'.")
    List<String> command;

    @Override
    public Integer call() {
      CommandLine root = spec.parent().commandLine();
      PrintWriter out = spec.commandLine().getOut();
      if (command == null || command.isEmpty()) {
        out.print(CommandTree.helpListing(root));
      } else {
        CommandLine target = root;
        for (String word : command) {
          target = target.getSubcommands().get(word);
          if (target == null) {
            throw new InputException("no command '" + String.join(" ", command) + "' ('help' lists them)");
          }
        }
        target.usage(out);
      }
      out.flush();
      return 0;
    }
  }
}
