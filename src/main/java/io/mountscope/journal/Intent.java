package io.mountscope.journal;

/** A change about to be made, before the journal gives it an id: kind, target, old and new value. */
public record Intent(String kind, String target, String oldValue, String newValue, String note) {
  public Intent(String kind, String target, String oldValue, String newValue) {
    this(kind, target, oldValue, newValue, null);
  }
}
