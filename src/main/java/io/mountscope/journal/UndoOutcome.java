package io.mountscope.journal;

/** What rolling back one change did: undone (with what the undo did) or failed (with why). */
public record UndoOutcome(JournalEntry.Change change, boolean undone, String detail) {}
