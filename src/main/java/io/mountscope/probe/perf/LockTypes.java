package io.mountscope.probe.perf;

/**
 * Lock type names from the flags of lock:contention_begin (LCB_F_* in
 * include/trace/events/lock.h), named as perf lock contention names them.
 */
final class LockTypes {
  static final int SPIN = 1;
  static final int READ = 1 << 1;
  static final int WRITE = 1 << 2;
  static final int RT = 1 << 3;
  static final int PERCPU = 1 << 4;
  static final int MUTEX = 1 << 5;

  private LockTypes() {}

  static String name(int flags) {
    return switch (flags) {
      case SPIN -> "spinlock";
      case SPIN | READ -> "rwlock:R";
      case SPIN | WRITE -> "rwlock:W";
      case READ -> "rwsem:R";
      case WRITE -> "rwsem:W";
      case RT -> "rtmutex";
      case RT | READ -> "rwlock-rt:R";
      case RT | WRITE -> "rwlock-rt:W";
      case PERCPU | READ -> "pcpu-sem:R";
      case PERCPU | WRITE -> "pcpu-sem:W";
      case MUTEX, MUTEX | SPIN -> "mutex"; // SPIN|MUTEX: optimistic spinning before sleeping
      default -> "unknown";
    };
  }
}
