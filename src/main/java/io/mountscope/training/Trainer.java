package io.mountscope.training;

import io.mountscope.recipe.Value;
import io.mountscope.recipe.operator.Operator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * One training session: stages the scenario's incident, asks its questions, judges each answer
 * against the live data when it is given, hints after a wrong one, scores, and ends with the
 * explanation and what a senior engineer would have done. What was staged is cleaned up however
 * the session ends (the caller closes the {@link Staging}); {@link #record()} is the session so
 * far, for the progress file, also when it was cut short.
 */
public final class Trainer {
  /** How long before a question was shown its data still counts: the trainee read it just before. */
  private static final long GRACE_NANOS = TimeUnit.SECONDS.toNanos(2);

  private final Scenario scenario;
  private final Trainee trainee;
  private final Set<String> recipes;
  private final Map<String, Object> facts;
  private final String startedAt = Instant.now().toString();
  // read by the SIGTERM hook while the session thread adds to it
  private final List<Scores.QuestionResult> results = new java.util.concurrent.CopyOnWriteArrayList<>();
  private volatile String outcome = "interrupted";

  public Trainer(Scenario scenario, Trainee trainee, Set<String> recipes, Map<String, Object> facts) {
    this.scenario = scenario;
    this.trainee = trainee;
    this.recipes = recipes;
    this.facts = facts;
  }

  /** Runs the session on {@code staging}, which the caller opened and will close. */
  public void run(Staging staging) throws InterruptedException {
    Operator out = trainee.out();
    out.say("Waiting for the live data (a few seconds)...");
    staging.awaitReady(90);
    out.say("Ready. At any question, 'show' prints the live data the answer is checked against; the dashboard "
        + "('mountscope' in another terminal) shows the same node. Ctrl-D ends the session, Ctrl-C stops it.");
    List<Scenario.Ask> questions = scenario.doc().questions();
    for (int i = 0; i < questions.size(); i++) {
      Scenario.Ask q = questions.get(i);
      out.step(String.format(Locale.US, "Question %d of %d (%d points)", i + 1, questions.size(), points(q)));
      ask(q, staging);
      if (trainee.ended()) {
        outcome = "abandoned";
        out.warn("input ended: the session stops here");
        end(out);
        return;
      }
    }
    outcome = "completed";
    end(out);
  }

  private void ask(Scenario.Ask q, Staging staging) {
    Operator out = trainee.out();
    String id = q.id().text();
    out.say(q.prompt().text().strip());
    Scenario.Kind kind = Scenario.Kind.of(q.kind().text());
    if (kind == Scenario.Kind.CHOICE) {
      for (int c = 0; c < q.choices().size(); c++) {
        out.say(String.format(Locale.US, "  %d) %s", c + 1, q.choices().get(c).text()));
      }
    }
    int tries = tries();
    long opened = System.nanoTime() - GRACE_NANOS;
    List<String> given = new ArrayList<>();
    int wrong = 0;
    Grader.Expected expected = null;
    while (true) {
      String a = trainee.answer(id, "answer" + (wrong > 0 ? " (try " + (wrong + 1) + " of " + tries + ")" : "") + "> ");
      if (a == null) {
        break;
      }
      String t = a.strip();
      if (t.isEmpty()) {
        continue;
      }
      if (t.equalsIgnoreCase("show")) {
        Reading r = staging.latest();
        if (r != null) {
          opened = Math.min(opened, r.nanos()); // what the trainee was shown counts, however old
        }
        (r == null ? List.of("no live data yet") : LiveView.lines(r)).forEach(out::say);
        continue;
      }
      staging.checkHealth();
      expected = Grader.expected(q, staging.since(opened), facts);
      if (expected.unavailable() != null) {
        out.warn("this question cannot be checked here: " + expected.unavailable() + "; it is not scored");
        given.add(t);
        results.add(new Scores.QuestionResult(id, kind.name().toLowerCase(Locale.ROOT), given, false, 0, 0, 0, null,
            expected.unavailable()));
        return;
      }
      Grader.Judgement j = Grader.judge(q, t, expected, recipes);
      if (j instanceof Grader.Judgement.Invalid inv) {
        out.warn(inv.why());
        continue;
      }
      given.add(t);
      if (j instanceof Grader.Judgement.Right right) {
        long won = Grader.points(points(q), wrong, tries);
        out.say(String.format(Locale.US, "right: %s (%d of %d points)", right.matched(), won, points(q)));
        results.add(new Scores.QuestionResult(id, kind.name().toLowerCase(Locale.ROOT), given, true, wrong, won,
            points(q), right.matched(), null));
        why(q, out);
        return;
      }
      wrong++;
      if (wrong >= tries) {
        break;
      }
      out.warn("not right (" + (tries - wrong) + " " + (tries - wrong == 1 ? "try" : "tries") + " left)");
      List<Value> hints = q.hints() == null ? List.of() : q.hints();
      if (!hints.isEmpty()) {
        out.say("hint: " + hints.get(Math.min(wrong, hints.size()) - 1).text().strip());
      }
    }
    if (expected == null || expected.unavailable() != null) {
      expected = Grader.expected(q, staging.since(opened), facts);
    }
    String right = expected.unavailable() == null ? expected.latest() : "(not measured: " + expected.unavailable() + ")";
    if (!trainee.ended()) {
      out.warn("the answer was " + right + " (0 of " + points(q) + " points)");
      why(q, out);
    }
    results.add(new Scores.QuestionResult(id, kind.name().toLowerCase(Locale.ROOT), given, false, wrong, 0, points(q),
        right, expected.unavailable()));
  }

  private static void why(Scenario.Ask q, Operator out) {
    if (q.why() != null) {
      out.say(q.why().text().strip());
    }
  }

  private void end(Operator out) {
    Scores.Session s = record();
    out.step("Score");
    out.say(String.format(Locale.US, "%d of %d points", s.score(), s.maxScore()));
    out.step("What was going on");
    out.say(scenario.doc().explanation().text().strip());
    out.step("What a senior engineer would have done");
    out.say(scenario.doc().senior().text().strip());
  }

  /** The session so far: scored questions, how it ended ("interrupted" until it completes or input ends). */
  public Scores.Session record() {
    List<Scores.QuestionResult> done = List.copyOf(results);
    long max = 0;
    for (Scenario.Ask q : scenario.doc().questions()) {
      boolean unavailable = done.stream().anyMatch(r -> r.id().equals(q.id().text()) && r.unavailable() != null
          && r.maxPoints() == 0);
      max += unavailable ? 0 : points(q);
    }
    long score = done.stream().mapToLong(Scores.QuestionResult::points).sum();
    return new Scores.Session(scenario.name(), scenario.title(), startedAt, Instant.now().toString(), outcome, score, max,
        done);
  }

  public String outcome() {
    return outcome;
  }

  private int tries() {
    Value t = scenario.doc().tries();
    return t == null ? ScenarioFile.DEFAULT_TRIES : Integer.parseInt(t.text().strip());
  }

  static long points(Scenario.Ask q) {
    return q.points() == null ? ScenarioFile.DEFAULT_POINTS : Long.parseLong(q.points().text().strip());
  }
}
