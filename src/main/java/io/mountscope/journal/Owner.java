package io.mountscope.journal;

import io.mountscope.util.Procfs;
import java.util.Optional;

/**
 * The process that made a change: its pid and its start time (clock ticks after boot, field 22 of
 * /proc/PID/stat), so a recycled pid is never taken for the owner still being alive.
 */
public record Owner(long pid, long startTicks) {
  public static Owner current() {
    long pid = ProcessHandle.current().pid();
    return new Owner(pid, startTicks(pid).orElse(0L));
  }

  /** The process with this pid as it is now (its start time), or empty when none runs. */
  public static Optional<Owner> of(long pid) {
    return startTicks(pid).map(t -> new Owner(pid, t));
  }

  /** True while the very process that made the change runs. */
  public boolean alive() {
    return startTicks(pid).map(t -> t == startTicks).orElse(false);
  }

  static Optional<Long> startTicks(long pid) {
    return Procfs.statFields("/proc/" + pid + "/stat").filter(f -> f.length > 19).flatMap(f -> Procfs.parseLong(f[19]));
  }
}
