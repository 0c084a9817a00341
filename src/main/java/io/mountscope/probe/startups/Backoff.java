package io.mountscope.probe.startups;

/** Reconnect delays: quick at first (a restart is usually brief), then doubling up to a cap. */
final class Backoff {
  private final long firstMillis;
  private final long maxMillis;
  private long next;

  Backoff(long firstMillis, long maxMillis) {
    this.firstMillis = firstMillis;
    this.maxMillis = maxMillis;
    this.next = firstMillis;
  }

  long next() {
    long now = next;
    next = Math.min(maxMillis, next * 2);
    return now;
  }

  void reset() {
    next = firstMillis;
  }
}
