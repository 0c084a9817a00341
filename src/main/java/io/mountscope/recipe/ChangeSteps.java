package io.mountscope.recipe;

import io.mountscope.journal.Intent;
import io.mountscope.journal.UndoOutcome;
import io.mountscope.recipe.actuator.Actuator;
import io.mountscope.recipe.actuator.Plan;
import io.mountscope.recipe.actuator.UnmountActuator;
import io.mountscope.recipe.operator.Question;
import io.mountscope.recipe.operator.Table;
import io.mountscope.recipe.stats.Comparison;
import io.mountscope.recipe.stats.Effect;
import io.mountscope.recipe.stats.Metric;
import io.mountscope.recipe.stats.Statistics;
import io.mountscope.recipe.workload.LeakFinder;
import io.mountscope.recipe.workload.MountTable;
import io.mountscope.util.InputException;
import io.mountscope.util.UnavailableException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The steps that change the node: apply, trial, rollback, leaked-mounts. Nothing changes without a yes. */
final class ChangeSteps {
  private ChangeSteps() {}

  /** A change the actuator is ready to make, or null when it was refused or needs nothing (already noted). */
  private record Ready(Actuator actuator, Plan plan) {}

  static void apply(Run run, Step.Apply a) throws Exception {
    Ready ready = plan(run, a.id(), a.actuator(), a.target(), a.value());
    run.put(a.id() + ".applied", false);
    if (ready == null) {
      return;
    }
    if (a.why() != null) {
      run.operator.say(run.shown(a.why(), Map.of()));
    }
    if (run.dryRun) {
      wouldApply(run, a.id(), ready);
      run.values.remove(a.id() + ".applied"); // unknown until an operator answers
      return;
    }
    if (!run.ask(Question.yesNo(a.id(), "Apply " + ready.plan().summary() + "?")).yes()) {
      declined(run, a.id(), ready);
      return;
    }
    List<String> done = run.changes.apply(a.id(), ready.actuator(), ready.plan());
    run.operator.say("applied: " + ready.plan().summary() + " (" + String.join("; ", done) + ")");
    run.put(a.id() + ".applied", true);
  }

  static void trial(Run run, Step.Trial t) throws Exception {
    String why = run.shown(t.why(), Map.of());
    run.operator.say(why);
    Ready ready = plan(run, t.id(), t.actuator(), t.target(), t.value());
    run.put(t.id() + ".kept", false);
    if (ready == null) {
      run.put(t.id() + ".verdict", run.changes.report().stream().filter(c -> c.step().equals(t.id()))
          .reduce((x, y) -> y).map(RunReport.Change::status).orElse("refused"));
      return;
    }
    String summary = ready.plan().summary();
    if (run.dryRun) {
      run.operator.say("would measure, apply " + summary + ", measure again, and keep it only if it helps");
      wouldApply(run, t.id(), ready);
      MeasureSteps.workload(run, t.id() + "/before", t.id() + " before", t.workload(), Map.of());
      run.values.remove(t.id() + ".kept");
      return;
    }
    if (!run.ask(Question.yesNo(t.id(), "Try " + summary + "? (measured before and after; kept only if it helps)")).yes()) {
      declined(run, t.id(), ready);
      run.put(t.id() + ".verdict", "declined");
      return;
    }
    Measured before = MeasureSteps.workload(run, t.id() + "/before", "before", t.workload(), Map.of());
    List<String> done = run.changes.apply(t.id(), ready.actuator(), ready.plan());
    run.operator.say("applied: " + summary + " (" + String.join("; ", done) + ")");
    Measured after = MeasureSteps.workload(run, t.id() + "/after", "after", t.workload(), Map.of());
    Metric metric = t.metric() == null ? Metric.P50 : Metric.of(t.metric().text());
    Comparison c = MeasureSteps.compare(run, t.id(), summary, before, after, metric, Statistics.DEFAULT_ALPHA,
        Statistics.DEFAULT_MIN_EFFECT);
    run.put(t.id() + ".verdict", c.verdict().words());
    if (c.verdict() == Effect.BETTER) {
      run.operator.say("It helped: " + summary + " stays in place; the end of the recipe asks whether to keep it.");
      run.finding(summary + ": " + c.verdict().words() + ", left in place");
      run.put(t.id() + ".kept", true);
    } else {
      List<UndoOutcome> undone = run.changes.rollBack(t.id());
      run.operator.say(c.verdict().words() + ": rolled back (" + outcomes(undone) + ")");
      run.finding(summary + ": " + c.verdict().words() + ", rolled back");
    }
  }

  static void rollback(Run run, Step.Rollback r) {
    if (run.dryRun) {
      run.operator.say("would roll back " + (r.changes() == null || r.changes().isEmpty() ? "every change still in place"
          : String.join(", ", r.changes())));
      return;
    }
    List<UndoOutcome> undone = new ArrayList<>();
    if (r.changes() == null || r.changes().isEmpty()) {
      undone.addAll(run.changes.rollBackAll());
    } else {
      for (String id : r.changes()) {
        undone.addAll(run.changes.rollBack(id));
      }
    }
    run.operator.say(undone.isEmpty() ? "nothing to roll back" : "rolled back: " + outcomes(undone));
  }

  static void leakedMounts(Run run, Step.LeakedMounts l, List<MountTable.Mount> atStart, double ageSeconds)
      throws Exception {
    List<LeakFinder.Leak> leaks = LeakFinder.find(MountTable.self(), atStart, ageSeconds);
    run.put(l.id() + ".count", (long) leaks.size());
    run.put(l.id() + ".removed", 0L);
    if (leaks.isEmpty()) {
      run.operator.say("No leaked mounts in this mount namespace.");
      run.finding("leaked mounts: none");
      return;
    }
    List<List<String>> rows = new ArrayList<>();
    for (LeakFinder.Leak k : leaks) {
      rows.add(List.of(k.mountPoint(), k.fsType(), k.reason(), k.removable() ? "yes" : "no", k.detail()));
    }
    run.operator.table(new Table(leaks.size() + " leaked mount" + (leaks.size() == 1 ? "" : "s"),
        List.of("mount point", "type", "why", "removable", "detail"), rows));
    run.finding("leaked mounts: " + leaks.size() + " " + LeakFinder.byReason(leaks));
    List<LeakFinder.Leak> removable = leaks.stream().filter(LeakFinder.Leak::removable).toList();
    if (removable.isEmpty()) {
      return;
    }
    boolean never = l.remove() != null && l.remove().text().equals("never");
    if (run.dryRun || never) {
      run.operator.say((never ? "not removing them (remove: never)" : "would ask to remove " + removable.size())
          + "; each removal is journaled and is not mounted again by a rollback");
      return;
    }
    if (!run.ask(Question.yesNo(l.id(), "Remove the " + removable.size() + " removable leaked mount"
        + (removable.size() == 1 ? "" : "s") + " listed above? (journaled; a rollback does not mount them again)")).yes()) {
      removable.forEach(k -> run.changes.note(l.id(), UnmountActuator.NAME, k.mountPoint(), k.describe(), "absent",
          "declined", null));
      return;
    }
    Actuator umount = run.actuators.find(UnmountActuator.NAME).orElseThrow();
    long removed = 0;
    for (LeakFinder.Leak k : removable) {
      Plan p = umount.plan(k.mountPoint(), "absent");
      List<String> done = run.changes.apply(l.id(), umount, p);
      run.changes.keep(l.id()); // consented for good: recover must not try to put it back
      run.operator.say("removed " + k.mountPoint() + " (" + String.join("; ", done) + ")");
      removed++;
    }
    run.put(l.id() + ".removed", removed);
    run.finding("leaked mounts removed: " + removed);
  }

  /** Plans a change; a refusal or a change already in place is said, noted, and gives null. */
  private static Ready plan(Run run, String step, Value actuatorName, Value target, Value value) {
    Actuator a = run.actuators.find(actuatorName.text()).orElseThrow();
    String t;
    String v;
    try {
      t = run.text(target);
      v = run.text(value);
    } catch (Template.Unresolved e) {
      if (!run.dryRun) {
        throw e;
      }
      run.operator.say("would apply " + a.name() + " " + target.text() + " = " + value.text()
          + " (values found while running)");
      run.changes.note(step, a.name(), target.text(), "?", value.text(), "would apply", "values found while running");
      return null;
    }
    Plan p;
    try {
      p = a.plan(t, v);
    } catch (UnavailableException | InputException e) {
      String why = e instanceof UnavailableException u ? u.oneLine() : e.getMessage();
      run.operator.warn(a.name() + " " + t + " = " + v + " refused: " + why);
      run.changes.note(step, a.name(), t, null, v, "refused", why);
      run.finding(a.name() + " " + t + " = " + v + ": refused (" + why + ")");
      return null;
    }
    if (p.noop()) {
      run.operator.say(p.summary() + ": already so, nothing to change");
      for (Intent i : p.intents()) {
        run.changes.note(step, a.name(), i.target(), i.oldValue(), i.newValue(), "unchanged", "already " + i.newValue());
      }
      return null;
    }
    return new Ready(a, p);
  }

  private static void wouldApply(Run run, String step, Ready r) {
    run.operator.say("would change: " + r.plan().summary() + (r.actuator().onNode()
        ? " (the old value journaled first, and restored at the end unless kept)" : ""));
    for (Intent i : r.plan().intents()) {
      run.changes.note(step, r.actuator().name(), i.target(), i.oldValue(), i.newValue(), "would apply", null);
    }
  }

  private static void declined(Run run, String step, Ready r) {
    run.operator.say("not changed: " + r.plan().summary());
    for (Intent i : r.plan().intents()) {
      run.changes.note(step, r.actuator().name(), i.target(), i.oldValue(), i.newValue(), "declined", null);
    }
  }

  static String outcomes(List<UndoOutcome> undone) {
    List<String> parts = new ArrayList<>();
    for (UndoOutcome o : undone) {
      parts.add(o.change().target() + ": " + (o.undone() ? o.detail() : "FAILED " + o.detail()));
    }
    return String.join("; ", parts);
  }
}
