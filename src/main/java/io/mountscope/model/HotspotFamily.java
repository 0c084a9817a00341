package io.mountscope.model;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Set;

/**
 * The family of a kernel symbol, for hotspots: which lock (or none) a CPU sample in it is about.
 * {@link #SPINNING} families count towards {@code hotspots.lockSpinShare}.
 */
public enum HotspotFamily {
  /** The mount locks: namespace_sem (namespace_lock/unlock, lock_mount), mount_lock, path_init seqcount retries. */
  MOUNT_LOCK,
  /** Generic spinning: native_queued_spin_lock_slowpath, _raw_spin_lock*. */
  SPINLOCK,
  /** Reader-writer semaphores: rwsem_down_*, rwsem_spin_on_owner, osq_lock. */
  RWSEM,
  /** Mutex slow paths and optimistic spinning. */
  MUTEX,
  /** RCU grace periods: synchronize_rcu_expedited and friends. */
  RCU,
  /** The idle loop. */
  IDLE,
  /** Samples in user space (the sampler's "[user]" pseudo-symbol). */
  USER,
  /** Everything else. */
  OTHER;

  /** Families whose samples are CPU spent spinning on (or waiting hot for) a lock. */
  public static final Set<HotspotFamily> SPINNING = Set.of(MOUNT_LOCK, SPINLOCK, RWSEM, MUTEX);

  /** Frames that put a whole stack in the mount-lock paths, wherever its leaf spins. */
  private static final Set<String> MOUNT_LOCK_FRAMES = Set.of(
      "namespace_lock", "namespace_unlock", "lock_mount", "do_lock_mount", "unlock_mount", "lock_mount_hash",
      "unlock_mount_hash", "lock_mount_exact", "__legitimize_mnt", "legitimize_mnt", "mnt_make_shortterm",
      "path_init");

  /** The JSON name, e.g. "mount-lock". */
  @JsonValue
  public String json() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The family of one kernel symbol (as printed, with or without "+0x.." and ".isra.0" suffixes). */
  public static HotspotFamily of(String symbol) {
    String s = base(symbol);
    if (s.equals("[user]") || s.equals("[unknown]") && symbol.contains("user")) {
      return USER;
    }
    if (MOUNT_LOCK_FRAMES.contains(s) || s.startsWith("namespace_") || s.contains("mount_lock")) {
      return MOUNT_LOCK;
    }
    if (s.startsWith("native_queued_spin_lock") || s.startsWith("queued_spin_lock") || s.startsWith("_raw_spin_lock")
        || s.startsWith("__raw_spin_lock") || s.startsWith("pv_queued_spin_lock") || s.startsWith("__pv_queued_spin_lock")
        || s.startsWith("queued_read_lock") || s.startsWith("queued_write_lock") || s.startsWith("_raw_read_lock")
        || s.startsWith("_raw_write_lock") || s.equals("do_raw_spin_lock")) {
      return SPINLOCK;
    }
    if (s.startsWith("rwsem_") || s.equals("osq_lock") || s.startsWith("down_write") || s.startsWith("down_read")
        || s.startsWith("__down_write") || s.startsWith("__down_read") || s.startsWith("percpu_down_")) {
      return RWSEM;
    }
    if (s.startsWith("mutex_") || s.startsWith("__mutex_")) {
      return MUTEX;
    }
    if (s.startsWith("synchronize_rcu") || s.startsWith("synchronize_srcu") || s.startsWith("wait_rcu_gp")
        || s.startsWith("rcu_exp_") || s.equals("__wait_rcu_gp")) {
      return RCU;
    }
    if (s.contains("idle") || s.endsWith("safe_halt") || s.equals("default_idle_call") || s.equals("mwait_idle_with_hints")
        || s.startsWith("poll_idle") || s.equals("cpu_startup_entry")) {
      return IDLE;
    }
    return OTHER;
  }

  /** Whether a stack frame puts its sample in the mount-lock paths. */
  public static boolean isMountLockFrame(String frame) {
    String s = base(frame);
    return MOUNT_LOCK_FRAMES.contains(s) || s.startsWith("namespace_");
  }

  /** The symbol without "+0x1f/0x80" and compiler suffixes such as ".isra.0" or ".constprop.0". */
  static String base(String symbol) {
    String s = symbol.trim();
    int plus = s.indexOf('+');
    if (plus > 0) {
      s = s.substring(0, plus);
    }
    int dot = s.indexOf('.');
    if (dot > 0) {
      s = s.substring(0, dot);
    }
    return s;
  }
}
