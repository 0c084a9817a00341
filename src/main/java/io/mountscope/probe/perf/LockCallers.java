package io.mountscope.probe.perf;

import io.mountscope.kernel.Kallsyms;
import io.mountscope.kernel.perf.PerfSample;
import java.util.HashMap;
import java.util.Map;

/**
 * Names the caller of a contended lock from the kernel callchain of lock:contention_begin, the way
 * perf lock contention does: skip the first {@code skip} frames (the slow path that fired the
 * tracepoint), then take the first frame that has a symbol and lies outside the kernel's locking
 * and scheduler text, as "symbol+0xoffset". Names are cached per address.
 */
final class LockCallers {
  /** perf lock contention's default --stack-skip. */
  static final int DEFAULT_SKIP = 3;
  /** perf lock record's default --max-stack: deep enough for the caller, cheap to record. */
  static final int DEFAULT_MAX_STACK = 8;
  static final String UNKNOWN = "[unknown]";

  private final Kallsyms symbols;
  private final int skip;
  private final Map<Long, String> names = new HashMap<>();

  LockCallers(Kallsyms symbols, int skip) {
    this.symbols = symbols;
    this.skip = skip;
  }

  String of(PerfSample s) {
    int seen = 0;
    for (int i = 0; i < s.callchainLength(); i++) {
      long ip = s.callchain(i);
      if (PerfSample.isContext(ip)) {
        continue;
      }
      if (++seen <= skip) {
        continue;
      }
      String name = nameOf(ip);
      if (name != null) {
        return name;
      }
    }
    return UNKNOWN;
  }

  // The frame's "symbol+0xoff" if it counts as a caller, else null.
  private String nameOf(long ip) {
    String cached = names.get(ip);
    if (cached != null) {
      return cached.isEmpty() ? null : cached;
    }
    String name = symbols.isLockFunction(ip) ? null : symbols.symbolOffset(ip);
    if (names.size() > 1 << 16) {
      names.clear();
    }
    names.put(ip, name == null ? "" : name);
    return name;
  }
}
