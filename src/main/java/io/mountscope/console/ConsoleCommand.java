package io.mountscope.console;

import io.mountscope.kernel.LibC;
import io.mountscope.util.InputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mountscope console}: the REPL on a terminal, or a runbook from --file or from a pipe. */
@Command(name = "console", mixinStandardHelpOptions = true,
    description = {"Open the console: every command, with completion, history (Ctrl-R), inline help,",
        "'explain', and a live status line; 'dash' or F2 opens the dashboard, q there comes back.",
        "With --file, or when input is not a terminal, run the commands line by line instead:",
        "each is echoed, '#' lines are comments, and the first failing line stops the run",
        "(exit 2 if it was a usage error, else 1)."})
public final class ConsoleCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = {"-f", "--file"}, paramLabel = "RUNBOOK", description = "Run the commands of this file, then exit.")
  Path file;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (file != null) {
      if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
        throw new InputException("cannot read the runbook " + file);
      }
      try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        return new ScriptRunner(out, err).run(in, file.toString());
      } catch (java.nio.charset.CharacterCodingException e) {
        throw new InputException("the runbook " + file + " is not UTF-8 text");
      }
    }
    if (LibC.isatty(0) != 1 || LibC.isatty(1) != 1) {
      try {
        return new ScriptRunner(out, err).run(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)), "<stdin>");
      } catch (IOException e) {
        throw new InputException("cannot read commands from standard input: " + e.getMessage());
      }
    }
    return Modes.run(Modes.Start.CONSOLE);
  }
}
