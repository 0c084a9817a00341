package io.mountscope.recipe.actuator;

import io.mountscope.journal.Intent;
import io.mountscope.journal.JournalEntry;
import io.mountscope.util.InputException;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A cap on concurrent container starts for the recipe's measured workload: storms run at most
 * this many threads. It changes nothing on the node (the node has no such switch; plugins add
 * actuators for orchestrators that do), so it is not journaled; rollback lifts it.
 */
public final class ConcurrencyCap implements Actuator {
  public static final String NAME = "concurrency-cap";
  private final AtomicLong cap = new AtomicLong(0);

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String describe() {
    return "target: workload; value: the most container starts at once in the recipe's storms (none lifts it)";
  }

  @Override
  public boolean onNode() {
    return false;
  }

  /** The cap in force, 0 for none. */
  public long current() {
    return cap.get();
  }

  /** {@code threads}, or the cap when it is lower. */
  public int limit(int threads) {
    long c = cap.get();
    return c > 0 && c < threads ? (int) c : threads;
  }

  @Override
  public Plan plan(String target, String value) {
    if (!"workload".equals(target)) {
      throw new InputException("concurrency-cap: the target is 'workload' (the recipe's storms), not '" + target + "'");
    }
    long v = parse(value);
    String old = cap.get() == 0 ? "none" : Long.toString(cap.get());
    return new Plan(List.of(new Intent(NAME, target, old, v == 0 ? "none" : Long.toString(v), "starts at once")),
        "concurrency cap of the measured workload: " + old + " -> " + (v == 0 ? "none" : v));
  }

  private static long parse(String value) {
    if (value.equals("none")) {
      return 0;
    }
    try {
      long v = Long.parseLong(value.trim());
      if (v < 1) {
        throw new NumberFormatException();
      }
      return v;
    } catch (NumberFormatException e) {
      throw new InputException("concurrency-cap: '" + value + "' is not a positive number of starts (or none)");
    }
  }

  @Override
  public String apply(Intent intent) {
    cap.set(parse(intent.newValue()));
    return "at most " + intent.newValue() + " starts at once";
  }

  @Override
  public String undo(JournalEntry.Change change) {
    cap.set(parse(change.oldValue()));
    return "cap " + change.oldValue();
  }
}
