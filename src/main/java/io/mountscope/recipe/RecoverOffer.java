package io.mountscope.recipe;

import io.mountscope.journal.ChangeJournal;
import io.mountscope.journal.JournalEntry;
import io.mountscope.journal.Recovery;
import io.mountscope.recipe.actuator.Actuators;
import io.mountscope.recipe.operator.Operator;
import io.mountscope.recipe.operator.Question;
import java.util.List;

/**
 * The console's start calls {@link #offer}: when an interrupted run (a killed recipe or host
 * storm) left changes in the journal, it lists them and offers to roll them back, as
 * {@code mountscope recover} would. Nothing is rolled back without a yes.
 */
public final class RecoverOffer {
  /** The question's id, for answers files. */
  public static final String QUESTION = "recover";

  private RecoverOffer() {}

  /** Returns what was rolled back (empty when nothing was pending or the operator said no). */
  public static Recovery.Outcome offer(Operator op) {
    return offer(op, ChangeJournal.open(), Actuators.standard());
  }

  public static Recovery.Outcome offer(Operator op, ChangeJournal journal, Actuators actuators) {
    List<JournalEntry.Change> left = Recovery.orphaned(journal);
    Recovery.Outcome none = new Recovery.Outcome(List.of(), List.of(), List.of());
    if (left.isEmpty()) {
      return none;
    }
    op.step("Changes left by an interrupted run");
    for (JournalEntry.Change c : left) {
      op.say("  " + c.kind() + " " + c.target() + ": now " + c.newValue() + ", was " + c.oldValue() + "  (pid "
          + c.owner().pid() + ", " + c.time() + ")");
    }
    if (!op.answer(Question.yesNo(QUESTION, "Roll back " + (left.size() == 1 ? "this change" : "these " + left.size()
        + " changes") + " now (as 'mountscope recover' does)?")).yes()) {
      op.say("left as they are; 'mountscope recover' rolls them back later");
      return none;
    }
    Recovery.Outcome o = Recovery.recover(journal, actuators.undoRegistry(), false);
    o.undone().forEach(l -> op.say("undone " + l.kind() + " " + l.target() + " (" + l.detail() + ")"));
    o.failed().forEach(l -> op.warn("FAILED " + l.kind() + " " + l.target() + " (" + l.detail() + ")"));
    return o;
  }
}
