package io.mountscope.journal;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * One line of the change journal (docs/journal.md). A {@link Change} is written, and fsynced,
 * before the change is applied; {@link Undone}, {@link UndoFailed} and {@link Kept} mark what
 * became of it later. Lines are only ever appended.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = JournalEntry.Change.class, name = "change"),
    @JsonSubTypes.Type(value = JournalEntry.Undone.class, name = "undone"),
    @JsonSubTypes.Type(value = JournalEntry.UndoFailed.class, name = "undo-failed"),
    @JsonSubTypes.Type(value = JournalEntry.Kept.class, name = "kept")})
public sealed interface JournalEntry {
  /** The id of the change this line is about. */
  String id();

  /** ISO-8601 UTC time the line was written. */
  String time();

  /**
   * A change about to be made to the node: what kind (which undo action rolls it back), on what
   * target, the value before and the value after.
   */
  record Change(String id, String run, String time, Owner owner, String kind, String target,
      String oldValue, String newValue, String note) implements JournalEntry {}

  /** The change was rolled back; {@code outcome} says what the undo did. */
  record Undone(String id, String time, long by, String outcome) implements JournalEntry {}

  /** An attempt to roll the change back failed; the change stays pending. */
  record UndoFailed(String id, String time, long by, String reason) implements JournalEntry {}

  /** The operator chose to keep the change: it is no longer pending. */
  record Kept(String id, String time, long by) implements JournalEntry {}
}
