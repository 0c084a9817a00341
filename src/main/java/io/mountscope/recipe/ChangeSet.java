package io.mountscope.recipe;

import io.mountscope.journal.ChangeJournal;
import io.mountscope.journal.Intent;
import io.mountscope.journal.JournalEntry;
import io.mountscope.journal.Owner;
import io.mountscope.journal.UndoOutcome;
import io.mountscope.journal.UndoRegistry;
import io.mountscope.recipe.actuator.Actuator;
import io.mountscope.recipe.actuator.Actuators;
import io.mountscope.recipe.actuator.Plan;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The changes of one run, in the order they were made. A node change is written to the change
 * journal (fsynced) before the actuator applies it; rollback goes newest first and marks the
 * journal. Methods are synchronized: a signal's shutdown hook may roll back while the run thread
 * is between an apply and its next step, never in the middle of one.
 */
final class ChangeSet {
  private static final Logger LOG = LoggerFactory.getLogger(ChangeSet.class);

  /** A change in place: which step made it, through what, its journal lines, and its report rows. */
  private record Live(String step, Actuator actuator, List<JournalEntry.Change> changes, List<Integer> rows) {}

  private final ChangeJournal journal;
  private final String run;
  private final UndoRegistry undo;
  private final List<Live> live = new ArrayList<>();
  private final List<RunReport.Change> rows = new ArrayList<>();

  ChangeSet(ChangeJournal journal, String recipe, Actuators actuators) {
    this.journal = journal;
    this.run = journal.newRun("recipe-" + recipe);
    this.undo = actuators.undoRegistry();
  }

  /** Journals then applies every intent of the plan; on a failure undoes what it applied and rethrows. */
  synchronized List<String> apply(String step, Actuator a, Plan plan) throws Exception {
    List<JournalEntry.Change> changes = a.onNode() ? journal.record(run, plan.intents()) : inMemory(plan.intents());
    List<Integer> mine = new ArrayList<>();
    List<String> details = new ArrayList<>();
    for (int i = 0; i < changes.size(); i++) {
      JournalEntry.Change c = changes.get(i);
      Intent intent = plan.intents().get(i);
      mine.add(row(step, a.name(), c.target(), c.oldValue(), c.newValue(), "applied", a.onNode() ? c.id() : null, null));
      try {
        details.add(a.apply(intent));
        set(mine.get(i), "applied", details.get(i));
      } catch (Exception e) {
        // The failed one may be half made: its undo is idempotent, so roll it back with the others.
        set(mine.get(i), "failed", e.getMessage());
        Live partial = new Live(step, a, changes.subList(0, i + 1), mine);
        undo(partial);
        set(mine.get(i), "failed", e.getMessage() + "; rolled back");
        throw e;
      }
    }
    live.add(new Live(step, a, changes, mine));
    return details;
  }

  /** A report row for a change that was not made: declined, refused, unchanged, would apply. */
  synchronized void note(String step, String actuator, String target, String oldValue, String newValue, String status,
      String detail) {
    row(step, actuator, target, oldValue, newValue, status, null, detail);
  }

  /** Rolls back the live changes of one step; returns what each undo did. */
  synchronized List<UndoOutcome> rollBack(String step) {
    List<UndoOutcome> out = new ArrayList<>();
    for (int i = live.size() - 1; i >= 0; i--) {
      if (live.get(i).step().equals(step)) {
        out.addAll(undo(live.remove(i)));
      }
    }
    return out;
  }

  /** Rolls back every live change, newest first. */
  synchronized List<UndoOutcome> rollBackAll() {
    List<UndoOutcome> out = new ArrayList<>();
    while (!live.isEmpty()) {
      out.addAll(undo(live.remove(live.size() - 1)));
    }
    return out;
  }

  /** The operator keeps every live change: the journal marks them kept and recover leaves them alone. */
  synchronized int keepAll() {
    int n = 0;
    for (Live l : live) {
      if (l.actuator().onNode()) {
        journal.markKept(l.changes());
      }
      for (int r : l.rows()) {
        set(r, "kept", rows.get(r).detail());
        n++;
      }
    }
    live.clear();
    return n;
  }

  /** A change made for good on purpose (a leaked mount removed): marked kept at once. */
  synchronized void keep(String step) {
    for (int i = live.size() - 1; i >= 0; i--) {
      Live l = live.get(i);
      if (l.step().equals(step)) {
        journal.markKept(l.changes());
        l.rows().forEach(r -> set(r, "done", rows.get(r).detail()));
        live.remove(i);
      }
    }
  }

  synchronized boolean anyLive() {
    return !live.isEmpty();
  }

  /** One line per live change, for the final question. */
  synchronized List<String> describeLive() {
    List<String> out = new ArrayList<>();
    for (Live l : live) {
      for (int r : l.rows()) {
        RunReport.Change c = rows.get(r);
        out.add(c.actuator() + " " + c.target() + ": " + c.oldValue() + " -> " + c.newValue() + " (" + c.step() + ")");
      }
    }
    return out;
  }

  synchronized List<RunReport.Change> report() {
    return List.copyOf(rows);
  }

  private List<UndoOutcome> undo(Live l) {
    List<UndoOutcome> outcomes;
    if (l.actuator().onNode()) {
      outcomes = journal.rollBack(l.changes(), undo);
    } else {
      outcomes = new ArrayList<>();
      for (int i = l.changes().size() - 1; i >= 0; i--) {
        JournalEntry.Change c = l.changes().get(i);
        try {
          outcomes.add(new UndoOutcome(c, true, l.actuator().undo(c)));
        } catch (Exception e) {
          LOG.warn("undo of {} {} failed", c.kind(), c.target(), e);
          outcomes.add(new UndoOutcome(c, false, String.valueOf(e.getMessage())));
        }
      }
    }
    for (UndoOutcome o : outcomes) {
      for (int r : l.rows()) {
        if (rows.get(r).target().equals(o.change().target()) && !"failed".equals(rows.get(r).status())) {
          set(r, o.undone() ? "rolled back" : "rollback failed", o.detail());
        }
      }
    }
    return outcomes;
  }

  private static List<JournalEntry.Change> inMemory(List<Intent> intents) {
    List<JournalEntry.Change> out = new ArrayList<>();
    String now = Instant.now().toString();
    for (Intent i : intents) {
      out.add(new JournalEntry.Change("workload/" + out.size(), "workload", now, Owner.current(), i.kind(), i.target(),
          i.oldValue(), i.newValue(), i.note()));
    }
    return out;
  }

  private int row(String step, String actuator, String target, String oldValue, String newValue, String status,
      String journalId, String detail) {
    rows.add(new RunReport.Change(step, actuator, target, oldValue, newValue, status, journalId, detail));
    return rows.size() - 1;
  }

  private void set(int r, String status, String detail) {
    RunReport.Change c = rows.get(r);
    rows.set(r, new RunReport.Change(c.step(), c.actuator(), c.target(), c.oldValue(), c.newValue(), status,
        c.journalId(), detail));
  }
}
