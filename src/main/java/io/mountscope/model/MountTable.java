package io.mountscope.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The mount table as shown: size and growth since the previous tick, what reading mountinfo
 * costs, breakdowns by filesystem type and by what made the mounts, mount namespaces, and leaks.
 *
 * @param detailAgeSeconds how old the read behind readMillis, the breakdowns and leaks is
 */
public record MountTable(
    long mounts,
    double growthPerSecond,
    double readMillis,
    long bytesRead,
    String countedBy,
    Map<String, Long> byFsType,
    Map<String, Long> byKind,
    int namespaceCount,
    List<MountTableSample.Namespace> namespaces,
    List<Leak> leaks,
    double detailAgeSeconds) {

  /** An idmapped temporary mount older than this is a leak: containerd removes them within a start. */
  public static final long IDMAPPED_TEMP_LEAK_SECONDS = 60;

  /** Growth against the previous tick; leaks from the tracked mounts as of {@code nowMillis}. */
  public static MountTable derive(MountTableSample now, MountTableSample before, double seconds, long nowMillis,
      long nowMonotonicNanos) {
    if (now == null) {
      return null;
    }
    double growth = before == null || seconds <= 0 ? 0 : (now.mounts() - before.mounts()) / seconds;
    List<Leak> leaks = new ArrayList<>();
    for (MountTableSample.Tracked t : now.tracked()) {
      double age = Math.max(0, (nowMillis - t.firstSeenMillis()) / 1000.0);
      if (!t.targetExists()) {
        leaks.add(new Leak(t.mountId(), t.target(), t.fsType(), t.kind(), Leak.TARGET_GONE, age));
      } else if (MountKind.IDMAPPED_TEMP.json().equals(t.kind()) && age >= IDMAPPED_TEMP_LEAK_SECONDS) {
        leaks.add(new Leak(t.mountId(), t.target(), t.fsType(), t.kind(), Leak.IDMAPPED_TEMP_OLD, age));
      }
    }
    double detailAge = now.detailMonotonicNanos() == 0 ? 0
        : Math.max(0, (nowMonotonicNanos - now.detailMonotonicNanos()) / 1e9);
    return new MountTable(now.mounts(), growth, now.readNanos() / 1e6, now.bytesRead(), now.countedBy(),
        now.byFsType(), now.byKind(), now.namespaces().size(), now.namespaces(), List.copyOf(leaks), detailAge);
  }

  /**
   * A mount that should not be there any more: its id, target, filesystem type, kind, why it is a
   * leak ("idmapped-temp-old" or "target-gone") and how long it has been seen (seconds; counted
   * from when mountscope first saw it, so a lower bound).
   */
  public record Leak(long mountId, String target, String fsType, String kind, String reason, double ageSeconds) {
    public static final String IDMAPPED_TEMP_OLD = "idmapped-temp-old";
    public static final String TARGET_GONE = "target-gone";
  }
}
