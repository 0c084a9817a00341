package io.mountscope.cli;

import io.mountscope.console.TerminalIo;
import io.mountscope.kernel.LibC;
import io.mountscope.recipe.operator.Answers;
import io.mountscope.recipe.operator.Operator;
import io.mountscope.recipe.operator.ScriptedOperator;
import io.mountscope.training.Scenario;
import io.mountscope.training.ScenarioLibrary;
import io.mountscope.training.Scores;
import io.mountscope.training.ScriptedTrainee;
import io.mountscope.training.Staging;
import io.mountscope.training.TerminalTrainee;
import io.mountscope.training.Trainee;
import io.mountscope.training.Trainer;
import io.mountscope.util.ExitCodes;
import io.mountscope.util.InputException;
import io.mountscope.util.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jline.terminal.Terminal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mountscope train}: practise the incident on this node, safely (docs/training.md). */
@Command(name = "train", mixinStandardHelpOptions = true,
    subcommands = {TrainCommand.ListCommand.class, TrainCommand.StartCommand.class, TrainCommand.ProgressCommand.class,
        TrainCommand.ExportCommand.class},
    description = {"Training for on-call engineers: a scenario stages an incident on this node",
        "(a storm in a private mount namespace, a recording, or nothing), asks",
        "questions answered from the live data, hints, scores, and explains",
        "(docs/training.md)."})
public final class TrainCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return 0;
  }

  /** {@code train list}: the scenarios, each checked. */
  @Command(name = "list", mixinStandardHelpOptions = true, description = "The training scenarios, with what each stages.")
  static final class ListCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print JSON (docs/json.md).")
    boolean json;

    @Override
    public Integer call() {
      List<ScenarioLibrary.Entry> entries = ScenarioLibrary.installed().list();
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        out.println(Json.pretty(Map.of("scenarios", entries.stream().map(e -> new Listed(e.name(), e.title(), e.summary(),
            e.stage(), e.questions(), e.file().toString(), e.error())).toList())));
      } else if (entries.isEmpty()) {
        out.println("no training scenarios (recipes/training/)");
      } else {
        int w = entries.stream().mapToInt(e -> e.name().length()).max().orElse(0);
        for (ScenarioLibrary.Entry e : entries) {
          out.printf(Locale.US, "%-" + w + "s  %s%n", e.name(), e.error() == null
              ? e.title() + " (" + e.questions() + " questions; stages " + e.stage() + ")" : "BROKEN: " + e.error());
        }
        out.println();
        out.println("'mountscope train start NAME' runs one; 'mountscope train progress' shows your scores.");
      }
      out.flush();
      return entries.stream().anyMatch(e -> e.error() != null) ? ExitCodes.USAGE : ExitCodes.OK;
    }
  }

  /** A scenario in {@code train list --json}. */
  record Listed(String name, String title, String description, String stage, int questions, String file, String error) {}

  /** {@code train start NAME}: one session. */
  @Command(name = "start", mixinStandardHelpOptions = true, sortOptions = false,
      description = {"Stage a scenario's incident and answer its questions from the live data.",
          "Everything staged ends with the session: at the end, on Ctrl-C, SIGTERM,",
          "Ctrl-D, and (the storm's worker dies with its parent) kill -9.",
          "Exit code 1 when the input ended before the last question."})
  static final class StartCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "SCENARIO", description = "A scenario name (see 'train list') or a path to a scenario file.")
    String name;

    @Option(names = "--answers", paramLabel = "FILE", description = "Answers by question id, in YAML (a list: tries in order).")
    Path answers;

    @Option(names = "--user", paramLabel = "NAME", description = "Whose progress this is (default: SUDO_USER, else the login name).")
    String user;

    @Option(names = "--json", description = "Print the session's record as JSON on stdout (the transcript goes to stderr).")
    boolean json;

    @Override
    public Integer call() throws Exception {
      ScenarioLibrary lib = ScenarioLibrary.installed();
      Scenario scenario = lib.load(name);
      String who = Scores.user(user);
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter transcript = json ? spec.commandLine().getErr() : out;
      boolean inConsole = TerminalIo.current().isPresent();
      if (answers == null && !inConsole && (LibC.isatty(0) != 1 || LibC.isatty(1) != 1)) {
        throw new InputException("train start asks questions: run it on a terminal, or pass --answers FILE");
      }
      Trainee trainee = answers != null ? ScriptedTrainee.load(answers, scenario, scripted(transcript)) : null;
      TerminalIo opened = trainee != null || inConsole ? null : TerminalIo.openSystem();
      if (trainee == null) {
        trainee = new TerminalTrainee(inConsole ? TerminalIo.current().orElseThrow() : opened);
      }
      Map<String, Object> facts = io.mountscope.recipe.Facts.read();
      Trainer trainer = new Trainer(scenario, trainee, lib.recipes(), facts);
      Scores scores = Scores.standard();
      AtomicBoolean saved = new AtomicBoolean();
      Staging[] staging = new Staging[1];
      Runnable finish = () -> {
        Staging st;
        synchronized (staging) {
          st = staging[0];
        }
        if (st != null) {
          st.close();
        }
        if (saved.compareAndSet(false, true)) {
          scores.add(who, trainer.record());
        }
      };
      // SIGTERM: the JVM runs its hooks, not our finally; the storm's own hook stops its worker too.
      Thread hook = new Thread(finish, "training-shutdown");
      Runtime.getRuntime().addShutdownHook(hook);
      Thread self = Thread.currentThread();
      if (opened != null) {
        // JLine puts the native SIGINT default back (no hooks): Ctrl-C interrupts the session instead.
        opened.terminal().handle(Terminal.Signal.INT, sig -> self.interrupt());
      }
      try {
        Operator op = trainee.out();
        op.step("Training: " + scenario.title() + " (" + who + ")");
        op.say(scenario.doc().description().text().strip());
        Staging st = Staging.start(scenario, facts);
        synchronized (staging) {
          staging[0] = st;
        }
        op.say("Staged: " + st.describe() + ".");
        trainer.run(st);
      } finally {
        finish.run();
        try {
          Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
          // the hook runs now and does the same
        }
        if (opened != null) {
          opened.close();
        }
      }
      Scores.Session s = trainer.record();
      if (json) {
        out.println(Json.pretty(s));
      }
      out.flush();
      transcript.flush();
      return trainer.outcome().equals("completed") ? ExitCodes.OK : ExitCodes.FINDING;
    }

    private static Operator scripted(PrintWriter transcript) {
      String lang = System.getenv().getOrDefault("LANG", "");
      return new ScriptedOperator(transcript, false, Answers.none(), lang.toUpperCase(Locale.ROOT).contains("UTF-8"), 100);
    }
  }

  /** {@code train progress}: one user's scores per scenario. */
  @Command(name = "progress", mixinStandardHelpOptions = true, description = "Your sessions and scores per scenario.")
  static final class ProgressCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--user", paramLabel = "NAME", description = "Whose progress (default: SUDO_USER, else the login name).")
    String user;

    @Option(names = "--json", description = "Print JSON (docs/json.md).")
    boolean json;

    @Override
    public Integer call() {
      Scores.User u = Scores.standard().read(Scores.user(user));
      List<Scores.ScenarioProgress> rows = Scores.summary(u);
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        out.println(Json.pretty(new Progress(u.user(), rows, u.sessions())));
      } else if (rows.isEmpty()) {
        out.println(u.user() + " has not trained yet: 'mountscope train list' shows the scenarios.");
      } else {
        out.println("training progress of " + u.user() + ":");
        table(out, rows);
      }
      out.flush();
      return ExitCodes.OK;
    }
  }

  /** {@code train progress --json}: the user, per scenario, and every session. */
  record Progress(String user, List<Scores.ScenarioProgress> scenarios, List<Scores.Session> sessions) {}

  static void table(PrintWriter out, List<Scores.ScenarioProgress> rows) {
    int w = Math.max(8, rows.stream().mapToInt(r -> r.scenario().length()).max().orElse(0));
    out.printf(Locale.US, "  %-" + w + "s  %8s  %9s  %7s  %7s  %s%n", "scenario", "sessions", "completed", "best", "last",
        "last outcome");
    for (Scores.ScenarioProgress r : rows) {
      out.printf(Locale.US, "  %-" + w + "s  %8d  %9d  %7s  %7s  %s (%s)%n", r.scenario(), r.sessions(), r.completed(),
          r.bestScore() + "/" + r.maxScore(), r.lastScore() + "/" + r.maxScore(), r.lastOutcome(), r.lastAt());
    }
  }

  /** {@code train export}: every user's records, for a trainer. */
  @Command(name = "export", mixinStandardHelpOptions = true, description = "Every user's training records (for a trainer).")
  static final class ExportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print JSON (docs/json.md); -o always writes JSON.")
    boolean json;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the JSON to FILE.")
    Path output;

    @Override
    public Integer call() throws IOException {
      List<Scores.User> users = Scores.standard().all();
      PrintWriter out = spec.commandLine().getOut();
      Export doc = new Export(Instant.now().toString(), users);
      if (output != null) {
        Files.writeString(output, Json.pretty(doc) + "\n", StandardCharsets.UTF_8);
        out.println("wrote the records of " + users.size() + " user" + (users.size() == 1 ? "" : "s") + " to " + output);
      } else if (json) {
        out.println(Json.pretty(doc));
      } else if (users.isEmpty()) {
        out.println("nobody has trained yet");
      } else {
        for (Scores.User u : users) {
          out.println(u.user() + ":");
          table(out, Scores.summary(u));
        }
      }
      out.flush();
      return ExitCodes.OK;
    }
  }

  /** {@code train export --json}: when, and every user's record. */
  record Export(String exportedAt, List<Scores.User> users) {}
}
