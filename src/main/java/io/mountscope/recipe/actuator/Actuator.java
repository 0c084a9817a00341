package io.mountscope.recipe.actuator;

import io.mountscope.journal.Intent;
import io.mountscope.journal.JournalEntry;

/**
 * Changes one kind of setting. The recipe engine plans a change (the actuator reads the current
 * value and refuses what it cannot do, before anything is written), journals the plan with the
 * old values, then applies it; rollback, Ctrl-C, SIGTERM and {@code mountscope recover} call
 * {@link #undo}. Plugins add actuators (an orchestrator's concurrency limit, say) through
 * {@link Actuators#with}.
 */
public interface Actuator {
  /** The name recipes use ({@code actuator: sysctl}); also the journal kind of its changes. */
  String name();

  /** What {@code target} and {@code value} mean, for docs and {@code recipe show}. */
  String describe();

  /** True when it changes the node (journaled, recovered after a crash); false for the recipe's own workload. */
  default boolean onNode() {
    return true;
  }

  /**
   * Reads what is there now and says what would change. Throws InputException for a target or
   * value that cannot be (exit 2) and UnavailableException when the node cannot do it (exit 3).
   */
  Plan plan(String target, String value);

  /** Makes one planned change, already journaled; checks it by reading it back and says what it read. */
  String apply(Intent intent) throws Exception;

  /** Restores the old value; idempotent (it may run after a crash on a half-made change). */
  String undo(JournalEntry.Change change) throws Exception;
}
