package io.mountscope.journal;

/**
 * Rolls back one kind of change. It must be idempotent: it may run after a crash on a change that
 * was only half applied, or already undone by someone else. Returns what it did, in a few words.
 */
@FunctionalInterface
public interface UndoAction {
  String undo(JournalEntry.Change change) throws Exception;
}
