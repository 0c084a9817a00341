package io.mountscope.console;

import io.mountscope.util.ExitCodes;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.function.Function;
import org.jline.reader.Parser.ParseContext;
import org.jline.reader.SyntaxError;
import org.jline.reader.impl.DefaultParser;
import picocli.CommandLine;

/**
 * Runs a runbook: console commands line by line, each echoed before it runs, '#' comments and
 * blank lines skipped. Stops at the first line that fails, naming the file and line, with exit
 * code 2 when that line was a usage error and 1 otherwise; {@code exit N} ends it with N.
 */
final class ScriptRunner implements ConsoleControl {
  static final String ECHO = "mountscope> ";
  private final PrintWriter out;
  private final PrintWriter err;
  private final Function<ConsoleControl, CommandLine> trees;
  private Integer exitCode;

  ScriptRunner(PrintWriter out, PrintWriter err) {
    this(out, err, CommandTree::create);
  }

  /** With another command tree, for tests of the runner itself. */
  ScriptRunner(PrintWriter out, PrintWriter err, Function<ConsoleControl, CommandLine> trees) {
    this.out = out;
    this.err = err;
    this.trees = trees;
  }

  /** Runs every line of {@code in}; {@code source} names it in messages ("runbook.txt", "<stdin>"). */
  int run(BufferedReader in, String source) throws IOException {
    CommandRunner runner = new CommandRunner(this, out, err, () -> 80, trees);
    DefaultParser parser = new DefaultParser();
    parser.setEofOnUnclosedQuote(true);
    int number = 0;
    for (String raw = in.readLine(); raw != null; raw = in.readLine()) {
      number++;
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      out.println(ECHO + line);
      out.flush();
      List<String> words;
      try {
        words = parser.parse(line, line.length(), ParseContext.ACCEPT_LINE).words();
      } catch (SyntaxError e) {
        return stop(source, number, "cannot parse the line: " + e.getMessage(), ExitCodes.USAGE);
      }
      int code = runner.run(words);
      if (exitCode != null) {
        return exitCode;
      }
      if (code != ExitCodes.OK) {
        return stop(source, number, "'" + line + "' failed with exit code " + code + "; stopping here",
            code == ExitCodes.USAGE ? ExitCodes.USAGE : ExitCodes.FINDING);
      }
    }
    return ExitCodes.OK;
  }

  private int stop(String source, int line, String message, int code) {
    err.println(source + ":" + line + ": " + message);
    err.flush();
    return code;
  }

  @Override
  public void openDashboard() {
    // refused by the dash command itself: a runbook has no dashboard
  }

  @Override
  public void exit(int code) {
    exitCode = code;
  }

  @Override
  public void clearScreen() {
    // a runbook's output is a transcript: nothing to clear
  }

  @Override
  public List<String> history() {
    return List.of();
  }

  @Override
  public void clearHistory() {
    // a runbook keeps no history
  }

  @Override
  public boolean interactive() {
    return false;
  }
}
