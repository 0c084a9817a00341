package io.mountscope.stress;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.LinkedHashMap;
import java.util.Map;

/** Mount syscalls issued, by kind; the JSON names are the kernel's syscall names. */
@JsonIgnoreProperties(value = "total", allowGetters = true)
public record SyscallCounts(
    long mount,
    long umount,
    @JsonProperty("open_tree") long openTree,
    @JsonProperty("mount_setattr") long mountSetattr,
    @JsonProperty("move_mount") long moveMount,
    long fsopen,
    long fsconfig,
    long fsmount) {

  /** From counters indexed by {@link SyscallKind#ordinal()}. */
  public static SyscallCounts of(long[] byKind) {
    return new SyscallCounts(byKind[0], byKind[1], byKind[2], byKind[3], byKind[4], byKind[5], byKind[6], byKind[7]);
  }

  public long get(SyscallKind kind) {
    return switch (kind) {
      case MOUNT -> mount;
      case UMOUNT -> umount;
      case OPEN_TREE -> openTree;
      case MOUNT_SETATTR -> mountSetattr;
      case MOVE_MOUNT -> moveMount;
      case FSOPEN -> fsopen;
      case FSCONFIG -> fsconfig;
      case FSMOUNT -> fsmount;
    };
  }

  @JsonProperty("total")
  public long total() {
    long t = 0;
    for (SyscallKind k : SyscallKind.values()) {
      t += get(k);
    }
    return t;
  }

  public SyscallCounts plus(SyscallCounts o) {
    long[] sum = new long[SyscallKind.values().length];
    for (SyscallKind k : SyscallKind.values()) {
      sum[k.ordinal()] = get(k) + o.get(k);
    }
    return of(sum);
  }

  /** The non-zero counts by syscall name, in report order. */
  public Map<String, Long> nonZero() {
    Map<String, Long> m = new LinkedHashMap<>();
    for (SyscallKind k : SyscallKind.values()) {
      if (get(k) > 0) {
        m.put(k.syscall(), get(k));
      }
    }
    return m;
  }
}
