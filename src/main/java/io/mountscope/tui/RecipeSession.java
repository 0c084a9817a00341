package io.mountscope.tui;

import io.mountscope.recipe.Recipe;
import io.mountscope.recipe.RecipeEngine;
import io.mountscope.recipe.RecipeFile;
import io.mountscope.recipe.RunReport;
import io.mountscope.recipe.operator.Answer;
import io.mountscope.recipe.operator.BarChart;
import io.mountscope.recipe.operator.Cancelled;
import io.mountscope.recipe.operator.Question;
import io.mountscope.tui.panel.Style;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.slf4j.LoggerFactory;

/**
 * A recipe running inside the dashboard: the engine on a thread of its own, and what the recipe
 * panel shows (transcript, progress, the question waiting for a key, how it ended). The engine
 * thread writes through {@link DashboardOperator}; the UI thread reads {@link #snapshot()} and
 * answers; every change wakes the dashboard's loop. One lock guards it all.
 */
final class RecipeSession {
  /** One piece of the transcript: text in a style, or a bar chart drawn to the panel's width. */
  record Entry(String text, Style style, BarChart chart) {}

  /** What the panel paints, copied under the lock. */
  record Snapshot(String name, boolean dryRun, List<Entry> transcript, String progressLabel, double fraction,
      String progressStatus, Question question, int choice, String typed, boolean finished, boolean stopping,
      String outcome, int scroll) {}

  private final String name;
  private final boolean dryRun;
  private final Runnable wake;
  private final List<Entry> transcript = new ArrayList<>();
  private RecipeEngine engine;
  private String progressLabel;
  private double fraction;
  private String progressStatus = "";
  private Question question;
  private CompletableFuture<String> answer;
  private int choice;
  private final StringBuilder typed = new StringBuilder();
  private boolean finished;
  private boolean stopping;
  private String outcome;
  private int scroll;

  private RecipeSession(String name, boolean dryRun, Runnable wake) {
    this.name = name;
    this.dryRun = dryRun;
    this.wake = wake;
  }

  /** Loads the recipe from {@code dir} and starts it; a recipe that does not load is a finished session saying why. */
  static RecipeSession start(String name, Path dir, boolean dryRun, Runnable wake) {
    RecipeSession s = new RecipeSession(name, dryRun, wake);
    try {
      Path file = dir.resolve(name + ".yaml");
      Recipe recipe = RecipeFile.load(Files.exists(file) ? file : dir.resolve(name + ".yml"));
      s.engine = new RecipeEngine(recipe, new DashboardOperator(s), new RecipeEngine.Options(dryRun, null, null));
    } catch (RuntimeException e) { // a broken recipe file (InputException, file:line) or a parameter default out of range
      s.add(new Entry(e.getMessage(), Style.CRIT, null));
      s.end("not started: " + e.getMessage());
      return s;
    }
    Thread t = new Thread(s::runEngine, "recipe-run");
    t.setDaemon(true);
    t.start();
    return s;
  }

  private void runEngine() {
    try {
      RecipeEngine.Result r = engine.run();
      RunReport report = r.report();
      if (r.failure() != null && !(r.failure() instanceof Cancelled)) {
        add(new Entry("failed: " + r.failure().getMessage(), Style.CRIT, null));
      }
      end(report.outcome() + (report.reason() == null ? "" : " (" + report.reason() + ")"));
    } catch (RuntimeException e) {
      LoggerFactory.getLogger(RecipeSession.class).error("recipe {} failed in the dashboard", name, e);
      add(new Entry("internal error: " + e.getMessage(), Style.CRIT, null));
      end("failed");
    }
  }

  synchronized Snapshot snapshot() {
    return new Snapshot(name, dryRun, List.copyOf(transcript), progressLabel, fraction, progressStatus, question, choice,
        typed.toString(), finished, stopping, outcome, scroll);
  }

  void add(Entry e) {
    synchronized (this) {
      transcript.add(e);
    }
    wake.run();
  }

  void progress(String label, double f, String status) {
    synchronized (this) {
      progressLabel = label;
      fraction = f;
      progressStatus = status == null ? "" : status;
    }
    wake.run();
  }

  /** Called on the engine thread: shows the question and waits for the operator's key. */
  Answer ask(Question q) {
    CompletableFuture<String> f = new CompletableFuture<>();
    synchronized (this) {
      if (stopping) {
        throw new Cancelled("stopped from the dashboard");
      }
      question = q;
      answer = f;
      choice = q.isYesNo() || q.freeText() ? 0 : Math.max(0, q.choices().indexOf(q.defaultChoice()));
      typed.setLength(0);
      scroll = 0;
    }
    wake.run();
    try {
      return new Answer(f.get(), "operator");
    } catch (ExecutionException e) {
      throw new Cancelled("stopped from the dashboard at the question '" + q.id() + "'");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Cancelled("interrupted at the question '" + q.id() + "'");
    } finally {
      synchronized (this) {
        question = null;
        answer = null;
      }
      wake.run();
    }
  }

  /** The UI's answer to the question shown: "yes"/"no", or the chosen choice. */
  synchronized void answer(String value) {
    if (answer != null) {
      answer.complete(value);
    }
  }

  /** Moves the highlighted choice of a question with choices. */
  synchronized void moveChoice(int by) {
    if (question != null && !question.isYesNo()) {
      choice = Math.floorMod(choice + by, question.choices().size());
    }
  }

  /** Enter: no for a yes/no question, the highlighted choice, or what was typed (the default if nothing). */
  synchronized void pickChoice() {
    if (question != null) {
      answer(question.freeText() ? (typed.length() == 0 ? question.defaultChoice() : typed.toString())
          : question.isYesNo() ? "no" : question.choices().get(choice));
    }
  }

  /** Typing into a free-text question; a backspace is '\b'. */
  synchronized void type(char c) {
    if (question == null || !question.freeText()) {
      return;
    }
    if (c == '\b') {
      if (typed.length() > 0) {
        typed.setLength(typed.length() - 1);
      }
    } else if (typed.length() < 64 && c >= ' ') {
      typed.append(c);
    }
  }

  /** Stops the recipe: the engine rolls back what it changed, then the session ends as interrupted. */
  void stop() {
    RecipeEngine e;
    synchronized (this) {
      if (finished || stopping) {
        return;
      }
      stopping = true;
      e = engine;
      if (answer != null) {
        answer.completeExceptionally(new Cancelled("stopped"));
      }
    }
    if (e != null) {
      e.cancel("stopped from the dashboard");
    }
    wake.run();
  }

  synchronized void scroll(int by) {
    scroll = Math.max(0, scroll + by);
  }

  synchronized boolean finished() {
    return finished;
  }

  private void end(String how) {
    synchronized (this) {
      finished = true;
      outcome = how;
      progressLabel = null;
    }
    wake.run();
  }
}
