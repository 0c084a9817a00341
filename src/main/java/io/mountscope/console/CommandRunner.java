package io.mountscope.console;

import io.mountscope.util.ExitCodes;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.IntSupplier;
import picocli.CommandLine;

/**
 * Runs one console line: finds the command, executes it in a fresh command tree with the
 * console's output, and returns its exit code (the same codes as on the command line).
 */
final class CommandRunner {
  private final ConsoleControl control;
  private final PrintWriter out;
  private final PrintWriter err;
  private final IntSupplier width;
  private final Function<ConsoleControl, CommandLine> trees;

  CommandRunner(ConsoleControl control, PrintWriter out, PrintWriter err, IntSupplier width) {
    this(control, out, err, width, CommandTree::create);
  }

  /** With another command tree, for tests of the runner itself. */
  CommandRunner(ConsoleControl control, PrintWriter out, PrintWriter err, IntSupplier width,
      Function<ConsoleControl, CommandLine> trees) {
    this.control = control;
    this.out = out;
    this.err = err;
    this.width = width;
    this.trees = trees;
  }

  int run(List<String> line) {
    if (line.isEmpty()) {
      return ExitCodes.OK;
    }
    List<String> words = new ArrayList<>(line);
    if (List.of("-h", "--help", "?").contains(words.get(0))) {
      words.set(0, "help");
    }
    CommandLine tree = trees.apply(control);
    tree.setOut(out);
    tree.setErr(err);
    tree.setUsageHelpWidth(Math.max(55, Math.min(width.getAsInt(), 160)));
    String first = words.get(0);
    if (!tree.getSubcommands().containsKey(first)) {
      List<String> near = Nearest.to(first, CommandTree.visibleSubcommands(tree.getCommandSpec()).keySet(), 3);
      err.println("unknown command '" + first + "'"
          + (near.isEmpty() ? "" : "; did you mean " + String.join(" or ", near) + "?") + " ('help' lists the commands)");
      err.flush();
      return ExitCodes.USAGE;
    }
    int code = tree.execute(words.toArray(String[]::new));
    out.flush();
    err.flush();
    return code;
  }
}
