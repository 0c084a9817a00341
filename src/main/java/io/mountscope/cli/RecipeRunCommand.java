package io.mountscope.cli;

import io.mountscope.console.ConsoleOperator;
import io.mountscope.console.TerminalIo;
import io.mountscope.kernel.LibC;
import io.mountscope.recipe.Recipe;
import io.mountscope.recipe.RecipeCheck;
import io.mountscope.recipe.RecipeEngine;
import io.mountscope.recipe.RecipeLibrary;
import io.mountscope.recipe.ReportWriter;
import io.mountscope.recipe.RunReport;
import io.mountscope.recipe.operator.Answers;
import io.mountscope.recipe.operator.Cancelled;
import io.mountscope.recipe.operator.Operator;
import io.mountscope.recipe.operator.ScriptedOperator;
import io.mountscope.util.ExitCodes;
import io.mountscope.util.InputException;
import io.mountscope.util.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jline.terminal.Terminal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mountscope recipe run NAME}: runs a recipe with a person at a terminal, or scripted. */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Run a recipe: it explains, measures, asks before every change, measures",
        "again and gives a verdict. Every change is journaled first; a failure,",
        "Ctrl-C or SIGTERM rolls back, and the end asks whether to keep what is still",
        "in place. Exit code 1 when a change could not be rolled back (see 'recover')."})
public final class RecipeRunCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Parameters(paramLabel = "NAME", description = "A recipe name (see 'recipe list') or a path to a recipe file.")
  String name;

  @Option(names = "--dry-run", description = "Print every change it would make, and make none (no storms either).")
  boolean dryRun;

  @Option(names = "--yes", description = "Answer yes to every yes/no question (changes, and keeping them at the end).")
  boolean yes;

  @Option(names = "--answers", paramLabel = "FILE", description = "Answers by question id, in YAML (recipe show lists the ids).")
  Path answers;

  @Option(names = "--set", paramLabel = "NAME=VALUE", description = "Set a parameter (repeatable; recipe show lists them).")
  List<String> sets;

  @Option(names = "--report", paramLabel = "FILE", description = "Write FILE.md and FILE.json: every measurement, change, verdict.")
  Path report;

  @Option(names = "--json", description = "Print the run's report as JSON on stdout (the transcript goes to stderr).")
  boolean json;

  @Override
  public Integer call() throws Exception {
    Recipe recipe = RecipeLibrary.installed().load(name);
    Answers given = answers == null ? Answers.none() : Answers.load(answers);
    Map<String, java.util.function.Function<String, String>> typed = new LinkedHashMap<>();
    RecipeCheck.textQuestions(recipe).forEach((id, type) ->
        typed.put(id, v -> type.parse(v) == null ? "'" + v + "' is not " + type.describe() : null));
    given.check(recipe.name(), RecipeCheck.questions(recipe), typed);
    Map<String, String> values = parseSets(sets);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter transcript = json ? spec.commandLine().getErr() : out;
    boolean scripted = dryRun || yes || answers != null;
    boolean inConsole = TerminalIo.current().isPresent();
    if (!scripted && !inConsole && (LibC.isatty(0) != 1 || LibC.isatty(1) != 1)) {
      throw new InputException("recipe run asks before every change: run it on a terminal, or pass --yes or "
          + "--answers FILE (or --dry-run to see what it would do)");
    }
    // In the console, its terminal; from the shell, one of our own, closed (and the tty restored) at the end.
    TerminalIo opened = scripted || inConsole ? null : TerminalIo.openSystem();
    try {
      Operator op = scripted ? new ScriptedOperator(transcript, yes, given, utf8(), 100)
          : new ConsoleOperator(inConsole ? TerminalIo.current().orElseThrow() : opened);
      RecipeEngine.Options options = new RecipeEngine.Options(dryRun, values, r -> writeReport(r, transcript));
      RecipeEngine engine = new RecipeEngine(recipe, op, options);
      if (opened != null) {
        // JLine puts the native SIGINT default back (no shutdown hooks): Ctrl-C cancels the run instead,
        // which stops the storm and rolls back. In the console, Ctrl-C interrupts this thread to the same end.
        opened.terminal().handle(Terminal.Signal.INT, sig -> engine.cancel("interrupted (Ctrl-C)"));
      }
      RecipeEngine.Result result = engine.run();
      RunReport r = result.report();
      if (json) {
        out.println(Json.pretty(r));
      } else {
        transcript.println();
        transcript.println("outcome: " + r.outcome() + (r.reason() == null ? "" : " (" + r.reason() + ")"));
      }
      out.flush();
      transcript.flush();
      if (result.failure() instanceof Cancelled) {
        return ExitCodes.INTERRUPTED;
      }
      if (result.failure() != null) {
        throw result.failure();
      }
      boolean stuck = r.changes().stream().anyMatch(c -> c.status().equals("rollback failed"));
      return stuck ? ExitCodes.FINDING : ExitCodes.OK;
    } finally {
      if (opened != null) {
        opened.close();
      }
    }
  }

  private void writeReport(RunReport r, PrintWriter transcript) {
    if (report == null) {
      return;
    }
    try {
      List<Path> files = ReportWriter.write(r, report);
      transcript.println("report: " + files.get(0) + ", " + files.get(1));
      transcript.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the report " + report + ": " + e.getMessage(), e);
    }
  }

  static Map<String, String> parseSets(List<String> sets) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String s : sets == null ? List.<String>of() : sets) {
      int eq = s.indexOf('=');
      if (eq <= 0) {
        throw new InputException("--set " + s + ": expected NAME=VALUE");
      }
      if (out.put(s.substring(0, eq).trim(), s.substring(eq + 1)) != null) {
        throw new InputException("--set " + s.substring(0, eq) + ": given twice");
      }
    }
    return out;
  }

  private static boolean utf8() {
    String lang = System.getenv().getOrDefault("LC_ALL", System.getenv().getOrDefault("LC_CTYPE",
        System.getenv().getOrDefault("LANG", "")));
    return lang.toUpperCase(java.util.Locale.ROOT).contains("UTF-8") && StandardCharsets.UTF_8.equals(java.nio.charset.Charset.defaultCharset());
  }
}
