package io.mountscope.journal;

import java.util.ArrayList;
import java.util.List;

/**
 * Rolling back what interrupted runs left: the pending changes whose owner process has ended,
 * newest first. Changes of a process that still runs are left to it. Shared by
 * {@code mountscope recover} and the console's start, which offers it.
 */
public final class Recovery {
  private Recovery() {}

  /** One change as reported: what became of it and why. */
  public record Line(String id, String kind, String target, String oldValue, String detail) {
    static Line of(JournalEntry.Change c, String detail) {
      return new Line(c.id(), c.kind(), c.target(), c.oldValue(), detail);
    }
  }

  /** What a recovery did (or, in a dry run, would do), newest change first. */
  public record Outcome(List<Line> undone, List<Line> failed, List<Line> skipped) {
    public boolean nothing() {
      return undone.isEmpty() && failed.isEmpty() && skipped.isEmpty();
    }
  }

  /** Pending changes whose owner has ended, in the order they were made. */
  public static List<JournalEntry.Change> orphaned(ChangeJournal journal) {
    return journal.pending().stream().filter(c -> !c.owner().alive()).toList();
  }

  public static Outcome recover(ChangeJournal journal, UndoRegistry registry, boolean dryRun) {
    List<JournalEntry.Change> orphaned = new ArrayList<>();
    List<Line> skipped = new ArrayList<>();
    for (JournalEntry.Change c : journal.pending()) {
      if (c.owner().alive()) {
        skipped.add(Line.of(c, "pid " + c.owner().pid() + " is still running and will undo it"));
      } else {
        orphaned.add(c);
      }
    }
    List<Line> undone = new ArrayList<>();
    List<Line> failed = new ArrayList<>();
    if (dryRun) {
      for (int i = orphaned.size() - 1; i >= 0; i--) {
        undone.add(Line.of(orphaned.get(i), "would restore: " + orphaned.get(i).oldValue()));
      }
    } else {
      for (UndoOutcome o : journal.rollBack(orphaned, registry)) {
        (o.undone() ? undone : failed).add(Line.of(o.change(), o.detail()));
      }
      journal.rotateIfSettled();
    }
    return new Outcome(undone, failed, skipped);
  }
}
