package io.mountscope.tui.panel;

import io.mountscope.model.Model;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Function;

/** The Models of the last 60 seconds, oldest first: what sparklines are drawn from. */
public final class History {
  public static final long WINDOW_MILLIS = 60_000;

  private final ArrayDeque<Entry> entries = new ArrayDeque<>();

  /** A model with its time in epoch milliseconds. */
  public record Entry(long timeMillis, Model model) {}

  /** Adds the newest model and forgets those more than 60 s older than it. */
  public void add(Model m) {
    long t = timeOf(m);
    if (!entries.isEmpty() && t < entries.peekLast().timeMillis()) {
      entries.clear(); // time went backwards: a replay seek or a clock step; start over
    }
    entries.addLast(new Entry(t, m));
    while (entries.peekFirst().timeMillis() < t - WINDOW_MILLIS) {
      entries.removeFirst();
    }
  }

  public void clear() {
    entries.clear();
  }

  public boolean isEmpty() {
    return entries.isEmpty();
  }

  public int size() {
    return entries.size();
  }

  /** The newest model, or null. */
  public Model latest() {
    return entries.isEmpty() ? null : entries.peekLast().model();
  }

  /** Time of the newest model in epoch milliseconds, or 0. */
  public long latestMillis() {
    return entries.isEmpty() ? 0 : entries.peekLast().timeMillis();
  }

  /** One value per model, oldest first; NaN where {@code f} gives null (a part not collected). */
  public double[] series(Function<Model, ? extends Number> f) {
    double[] v = new double[entries.size()];
    int i = 0;
    for (Iterator<Entry> it = entries.iterator(); it.hasNext(); i++) {
      Number n = f.apply(it.next().model());
      v[i] = n == null ? Double.NaN : n.doubleValue();
    }
    return v;
  }

  public List<Entry> entries() {
    return new ArrayList<>(entries);
  }

  /** Epoch milliseconds of a model's ISO time, or 0 when it has none. */
  public static long timeOf(Model m) {
    if (m == null || m.time() == null) {
      return 0;
    }
    try {
      return Instant.parse(m.time()).toEpochMilli();
    } catch (DateTimeParseException e) {
      return 0;
    }
  }
}
