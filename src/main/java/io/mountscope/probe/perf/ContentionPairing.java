package io.mountscope.probe.perf;

import io.mountscope.model.LockTable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Turns lock:contention_begin/end events into waits and aggregates them per caller and lock type.
 * A thread's begin and end can land in different CPUs' rings, so events are first put in time
 * order; only events older than the flush horizon are paired, because an event from another CPU
 * may still be on its way. Pairing follows perf lock contention: per thread and lock address, the
 * first begin opens a wait (a nested begin on the same lock, as a mutex's optimistic spin followed
 * by its sleep, continues it) and the end closes it; an end without a begin is ignored.
 */
final class ContentionPairing {
  /** One tracepoint hit; for a begin, {@code caller} and {@code flags} are set. */
  record Event(long time, int tid, boolean begin, long lockAddr, int flags, String caller) {}

  /**
   * A thread waiting on a lock. Written out rather than a record: a record's hashCode and equals go
   * through invokedynamic, which the C1-only JIT the console runs with leaves slow on this hot path.
   */
  private static final class Key {
    final int tid;
    final long lockAddr;

    Key(int tid, long lockAddr) {
      this.tid = tid;
      this.lockAddr = lockAddr;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && k.tid == tid && k.lockAddr == lockAddr;
    }

    @Override
    public int hashCode() {
      return 31 * tid + Long.hashCode(lockAddr * 0x9E3779B97F4A7C15L);
    }
  }

  private record Open(long since, String caller, String type) {}

  /** Running totals of one caller and lock type. */
  private static final class Agg {
    final String caller;
    final String type;
    long contended;
    long total;
    long max;

    Agg(String caller, String type) {
      this.caller = caller;
      this.type = type;
    }
  }

  private static final int MAX_OPEN = 1 << 17;
  private static final long STALE_NANOS = 60_000_000_000L;
  private final List<Event> pending = new ArrayList<>();
  private final Map<Key, Open> open = new HashMap<>();
  /** caller -> lock type -> totals; callers are the interned names of LockCallers, types constants. */
  private final Map<String, Map<String, Agg>> rows = new HashMap<>();
  private long unmatchedEnds;
  private long droppedBegins;

  void add(Event e) {
    pending.add(e);
  }

  /** Pairs every pending event with time at or before {@code horizon}, in time order. */
  void flush(long horizon) {
    if (pending.isEmpty()) {
      return;
    }
    pending.sort(Comparator.comparingLong(Event::time));
    int n = 0;
    while (n < pending.size() && pending.get(n).time() <= horizon) {
      apply(pending.get(n));
      n++;
    }
    pending.subList(0, n).clear();
  }

  /** Pairs everything still pending (the tracer has stopped). */
  void flushAll() {
    flush(Long.MAX_VALUE);
  }

  private void apply(Event e) {
    Key k = new Key(e.tid(), e.lockAddr());
    if (e.begin()) {
      if (!open.containsKey(k)) {
        if (open.size() >= MAX_OPEN) {
          dropStale(e.time());
        }
        open.put(k, new Open(e.time(), e.caller(), LockTypes.name(e.flags())));
      }
      return;
    }
    Open o = open.remove(k);
    if (o == null) {
      unmatchedEnds++; // began before tracing started, or its begin was lost
      return;
    }
    long wait = e.time() - o.since();
    Agg a = rows.computeIfAbsent(o.caller(), x -> new HashMap<>(4)).computeIfAbsent(o.type(), t -> new Agg(o.caller(), t));
    a.contended++;
    a.total += wait;
    a.max = Math.max(a.max, wait);
  }

  // Waits whose end was lost would pile up forever; forget those older than a minute.
  private void dropStale(long now) {
    for (Iterator<Open> it = open.values().iterator(); it.hasNext();) {
      if (now - it.next().since() > STALE_NANOS) {
        it.remove();
        droppedBegins++;
      }
    }
  }

  /** The aggregated rows, most total wait first (perf lock contention's default order). */
  List<LockTable.Row> rows() {
    List<LockTable.Row> out = new ArrayList<>(rows.size());
    for (Map<String, Agg> byType : rows.values()) {
      for (Agg a : byType.values()) {
        out.add(new LockTable.Row(a.caller, a.type, a.contended, a.total, a.max, a.total / a.contended));
      }
    }
    out.sort(Comparator.comparingLong(LockTable.Row::totalWaitNanos).reversed()
        .thenComparing(LockTable.Row::caller).thenComparing(LockTable.Row::type));
    return out;
  }

  /** Ends whose begin was not seen. */
  long unmatchedEnds() {
    return unmatchedEnds;
  }

  /** Waits still open (lock not yet acquired) right now. */
  int openWaits() {
    return open.size();
  }

  long droppedBegins() {
    return droppedBegins;
  }
}
