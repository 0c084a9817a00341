package io.mountscope.recipe;

import io.mountscope.journal.ChangeJournal;
import io.mountscope.journal.UndoOutcome;
import io.mountscope.recipe.actuator.Actuators;
import io.mountscope.recipe.operator.Cancelled;
import io.mountscope.recipe.operator.Operator;
import io.mountscope.recipe.operator.Question;
import io.mountscope.recipe.workload.MountTable;
import io.mountscope.util.UnavailableException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one recipe: parameters resolved and checked first (nothing runs on a mistake), then the
 * steps in order, talking only to an {@link Operator}. Every change goes through the run's
 * {@link ChangeSet} (journaled before it is made). A failing step, a Ctrl-C at a question,
 * {@link #cancel} and a signal (SIGINT, SIGTERM: the shutdown hook) roll back every change still in
 * place; a run that ends with changes in place asks whether to keep them (no rolls back).
 */
public final class RecipeEngine {
  private static final Logger LOG = LoggerFactory.getLogger(RecipeEngine.class);
  private static final long HOOK_WAIT_SECONDS = 20;

  /** How to run: a dry run, the --set values, and what to do with the report before the run counts as ended. */
  public record Options(boolean dryRun, Map<String, String> sets, Consumer<RunReport> onEnd) {
    public Options {
      sets = sets == null ? Map.of() : Map.copyOf(sets);
      onEnd = onEnd == null ? r -> { } : onEnd;
    }
  }

  /** The report, and what made the run fail (null when it did not): the caller maps it to an exit code. */
  public record Result(RunReport report, RuntimeException failure) {}

  private final Run run;
  private final Options options;

  /**
   * Resolves the parameters (InputException on a bad --set: nothing has run yet); changes go to
   * {@code journal} through {@code actuators}.
   */
  public RecipeEngine(Recipe recipe, Operator operator, Options options, Actuators actuators, ChangeJournal journal) {
    this(recipe, operator, options, actuators, StepKinds.standard(), journal);
  }

  /**
   * As above, with the plugins' step kinds {@code kinds}: their checks run again with the
   * parameters as --set made them (InputException: nothing has run yet).
   */
  public RecipeEngine(Recipe recipe, Operator operator, Options options, Actuators actuators, StepKinds kinds,
      ChangeJournal journal) {
    this.options = options;
    Map<String, Object> facts = Facts.read();
    Map<String, Object> params = Params.resolve(recipe, options.sets(), facts);
    Map<String, Object> known = new java.util.LinkedHashMap<>(facts);
    known.putAll(params);
    PluginStepCheck.checkAll(recipe, kinds, known);
    this.run = new Run(recipe, operator, options.dryRun(), actuators, kinds, new ChangeSet(journal, recipe.name(),
        actuators), facts, params);
  }

  /** A run with mountscope's own actuators, the plugins' steps and the node's journal. */
  public RecipeEngine(Recipe recipe, Operator operator, Options options) {
    this(recipe, operator, options, Actuators.standard(), StepKinds.standard(), ChangeJournal.open());
  }

  /** Stops the run from another thread; the run thread rolls back and ends as interrupted. */
  public void cancel(String why) {
    run.cancel(why);
  }

  /** Runs the recipe to its end on the calling thread. */
  public Result run() {
    Thread hook = new Thread(this::onSignal, "recipe-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      Result r = steps();
      options.onEnd().accept(r.report());
      return r;
    } finally {
      run.finished.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the hook runs and waits for this run to finish
      }
    }
  }

  private Result steps() {
    Recipe r = run.recipe;
    run.operator.step(run.text(r.title()) + (run.dryRun ? " (dry run: nothing is measured or changed)" : ""));
    run.operator.say(run.shown(r.description(), Map.of()).strip());
    boolean needsTable = r.steps().stream().anyMatch(l -> l.step() instanceof Step.LeakedMounts);
    List<MountTable.Mount> tableAtStart = needsTable ? MountTable.self() : List.of();
    long startNanos = System.nanoTime();
    try {
      for (Recipe.Located l : r.steps()) {
        run.checkCancelled();
        Step s = l.step();
        if (!holds(l)) {
          run.passOver(s);
          run.steps.add(new RunReport.StepEntry(l.line(), s.kind(), s.id(), "passed over"));
          continue;
        }
        title(s);
        execute(l, tableAtStart, (System.nanoTime() - startNanos) / 1e9);
        run.steps.add(new RunReport.StepEntry(l.line(), s.kind(), s.id(), run.dryRun ? "described" : "done"));
      }
      run.checkCancelled();
      if (run.dryRun) {
        return new Result(run.report(RunReport.DRY_RUN, "nothing was measured or changed"), null);
      }
      end();
      return new Result(run.report(RunReport.COMPLETED, null), null);
    } catch (InfoSteps.Skip skip) {
      run.operator.warn("skipped: " + skip.getMessage());
      run.finding("skipped: " + skip.getMessage());
      end();
      return new Result(run.report(RunReport.SKIPPED, skip.getMessage()), null);
    } catch (Cancelled c) {
      return interrupted(c);
    } catch (InterruptedException | java.util.concurrent.CancellationException e) {
      // Ctrl-C in the console interrupts the command's thread: a cancel, not a failure.
      run.cancel("interrupted (Ctrl-C)");
      return interrupted(new Cancelled("interrupted (Ctrl-C)"));
    } catch (Exception e) {
      if (run.cancelled()) {
        // A Ctrl-C reaches the storm's worker too (same process group): what fails after a cancel is the cancel.
        LOG.info("recipe {} cancelled; the step ended with {}", r.name(), e.toString());
        return interrupted(new Cancelled(run.cancelReason()));
      }
      LOG.error("recipe {} failed", r.name(), e);
      RuntimeException failure = e instanceof RuntimeException re ? re : new IllegalStateException(e.getMessage(), e);
      String why = e instanceof UnavailableException u ? u.oneLine() : String.valueOf(e.getMessage());
      run.operator.warn("step failed: " + why);
      String undone = rollBackAll("the step failed");
      return new Result(run.report(RunReport.FAILED, why + undone), failure);
    }
  }

  private Result interrupted(Cancelled c) {
    Thread.interrupted(); // the rollback must not be cut short by the interrupt that stopped the run
    String undone = rollBackAll("interrupted (" + c.getMessage() + ")");
    return new Result(run.report(RunReport.INTERRUPTED, c.getMessage() + undone), c);
  }

  private boolean holds(Recipe.Located l) {
    List<Value> when = l.step().when();
    if (when == null) {
      return true;
    }
    for (Value w : when) {
      try {
        if (!Condition.parse(w.text()).holds(run.values::get)) {
          return false;
        }
      } catch (Template.Unresolved e) {
        if (!run.dryRun) {
          throw new IllegalStateException(run.recipe.at(w.line()) + ": when: no value for '" + e.getMessage() + "'");
        }
        run.operator.say("(only if " + w.text() + ")");
      }
    }
    return true;
  }

  private void title(Step s) {
    String t = switch (s.kind()) {
      case "explain" -> null;
      case "check" -> "Check";
      case "inventory" -> "Images on this node";
      case "measure" -> "Measure " + s.id();
      case "sweep" -> "Sweep " + s.id();
      case "apply" -> "Change " + s.id();
      case "trial" -> "Try " + s.id();
      case "compare" -> "Compare" + (s.id() == null ? "" : " " + s.id());
      case "ask" -> null;
      case "rollback" -> "Roll back";
      case "leaked-mounts" -> "Leaked mounts";
      default -> s.kind() + (s.id() == null ? "" : " " + s.id());
    };
    if (t != null) {
      run.operator.step(t);
    }
  }

  private void execute(Recipe.Located l, List<MountTable.Mount> tableAtStart, double age) throws Exception {
    Step s = l.step();
    if (s instanceof Step.Plugin p) {
      PluginSteps.run(run, l.line(), p);
    } else if (s instanceof Step.Explain e) {
      InfoSteps.explain(run, e);
    } else if (s instanceof Step.Check c) {
      InfoSteps.check(run, c);
    } else if (s instanceof Step.Inventory i) {
      InfoSteps.inventory(run, i);
    } else if (s instanceof Step.Ask a) {
      InfoSteps.ask(run, a);
    } else if (s instanceof Step.Measure m) {
      MeasureSteps.measure(run, m);
    } else if (s instanceof Step.Sweep w) {
      MeasureSteps.sweep(run, w);
    } else if (s instanceof Step.Compare c) {
      MeasureSteps.compare(run, c);
    } else if (s instanceof Step.Apply a) {
      ChangeSteps.apply(run, a);
    } else if (s instanceof Step.Trial t) {
      ChangeSteps.trial(run, t);
    } else if (s instanceof Step.Rollback rb) {
      ChangeSteps.rollback(run, rb);
    } else if (s instanceof Step.LeakedMounts lm) {
      ChangeSteps.leakedMounts(run, lm, tableAtStart, age);
    }
  }

  /** The end of a run: changes still in place are kept only on a yes. */
  private void end() {
    if (!run.changes.anyLive()) {
      return;
    }
    run.operator.step("Keep or roll back");
    List<String> live = run.changes.describeLive();
    live.forEach(l -> run.operator.say("  " + l));
    boolean keep;
    try {
      keep = run.ask(Question.yesNo(RecipeCheck.KEEP, "Keep " + (live.size() == 1 ? "this change" : "these " + live.size()
          + " changes") + "? (no rolls them back)")).yes();
    } catch (Cancelled c) {
      keep = false;
    }
    if (keep) {
      int n = run.changes.keepAll();
      run.operator.say("kept " + n + " change" + (n == 1 ? "" : "s") + " (the journal marks them kept; recover leaves "
          + "them alone)");
      run.finding("kept: " + String.join("; ", live));
    } else {
      List<UndoOutcome> undone = run.changes.rollBackAll();
      run.operator.say("rolled back: " + ChangeSteps.outcomes(undone));
      run.finding("rolled back at the end: " + String.join("; ", live));
    }
  }

  private String rollBackAll(String why) {
    if (!run.changes.anyLive()) {
      return "";
    }
    List<UndoOutcome> undone = run.changes.rollBackAll();
    run.operator.warn(why + ": rolled back " + ChangeSteps.outcomes(undone));
    long failed = undone.stream().filter(o -> !o.undone()).count();
    return failed == 0 ? "; every change rolled back" : "; " + failed + " change(s) could not be rolled back: run "
        + "'mountscope recover'";
  }

  /** SIGINT or SIGTERM: stop the run, let its thread roll back; roll back here if it does not in time. */
  private void onSignal() {
    run.cancel("interrupted by a signal");
    try {
      if (!run.finished.await(HOOK_WAIT_SECONDS, TimeUnit.SECONDS)) {
        LOG.warn("recipe {} did not end within {} s of the signal; rolling back from the hook", run.recipe.name(),
            HOOK_WAIT_SECONDS);
        run.changes.rollBackAll();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
