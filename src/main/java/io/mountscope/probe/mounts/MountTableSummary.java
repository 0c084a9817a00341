package io.mountscope.probe.mounts;

import io.mountscope.model.MountKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Sums up a mount table as its entries stream past: counts by filesystem type, by kind, by
 * propagation, by mount-point pattern, and the idmapped temporary mounts. Not thread-safe: one
 * parse feeds one summary.
 */
public final class MountTableSummary implements Consumer<MountEntry> {
  /** Directories kept in a mount-point pattern. */
  static final int PATTERN_DEPTH = 7;
  /** Idmapped temporary mounts listed by name at most. */
  static final int EXAMPLES = 20;

  private final Map<String, long[]> byFsType = new HashMap<>();
  private final long[] byKind = new long[MountKind.values().length];
  private final Map<String, long[]> byPattern = new HashMap<>();
  private final long[] propagation = new long[4];
  private final List<MountEntry> idmappedTemp = new ArrayList<>();
  private long idmappedTempCount;
  private long mounts;
  private int longestOptions;
  private final Consumer<MountEntry> extra;
  private MountKind lastKind;

  public MountTableSummary() {
    this(e -> { });
  }

  /** A summary that also hands each entry to {@code extra} after classifying it (see {@link #lastKind()}). */
  public MountTableSummary(Consumer<MountEntry> extra) {
    this.extra = extra;
  }

  @Override
  public void accept(MountEntry e) {
    mounts++;
    MountKind kind = MountClassifier.classify(e);
    lastKind = kind;
    byKind[kind.ordinal()]++;
    byFsType.computeIfAbsent(e.fsType(), k -> new long[1])[0]++;
    byPattern.computeIfAbsent(MountPattern.of(e.mountPoint(), PATTERN_DEPTH), k -> new long[1])[0]++;
    propagation[propagationIndex(e.optionalFields())]++;
    longestOptions = Math.max(longestOptions, e.superOptions().length() + e.mountOptions().length());
    if (kind == MountKind.IDMAPPED_TEMP) {
      idmappedTempCount++;
      if (idmappedTemp.size() < EXAMPLES) {
        idmappedTemp.add(e);
      }
    }
    extra.accept(e);
  }

  /** The kind of the entry being accepted (for the extra consumer). */
  public MountKind lastKind() {
    return lastKind;
  }

  public long mounts() {
    return mounts;
  }

  /** Filesystem type -> mounts, most first. */
  public Map<String, Long> byFsType() {
    return sorted(byFsType);
  }

  /** Kind (JSON name) -> mounts, in the order of {@link MountKind}, kinds with none left out. */
  public Map<String, Long> byKind() {
    Map<String, Long> m = new LinkedHashMap<>();
    for (MountKind k : MountKind.values()) {
      if (byKind[k.ordinal()] > 0) {
        m.put(k.json(), byKind[k.ordinal()]);
      }
    }
    return m;
  }

  /** shared, slave, private, unbindable -> mounts (a mount both shared and slave counts as shared). */
  public Map<String, Long> propagation() {
    Map<String, Long> m = new LinkedHashMap<>();
    m.put("shared", propagation[0]);
    m.put("slave", propagation[1]);
    m.put("private", propagation[2]);
    m.put("unbindable", propagation[3]);
    return m;
  }

  /** The {@code n} most common mount-point patterns with their counts. */
  public Map<String, Long> topPatterns(int n) {
    Map<String, Long> all = sorted(byPattern);
    Map<String, Long> top = new LinkedHashMap<>();
    for (Map.Entry<String, Long> e : all.entrySet()) {
      if (top.size() == n) {
        break;
      }
      top.put(e.getKey(), e.getValue());
    }
    return top;
  }

  public long idmappedTempCount() {
    return idmappedTempCount;
  }

  /** The first idmapped temporary mounts seen (at most {@value #EXAMPLES}). */
  public List<MountEntry> idmappedTempExamples() {
    return List.copyOf(idmappedTemp);
  }

  /** Longest per-mount plus superblock options, in characters (long overlay lowerdir lists). */
  public int longestOptions() {
    return longestOptions;
  }

  private static int propagationIndex(List<String> optional) {
    boolean slave = false;
    for (String f : optional) {
      if (f.startsWith("shared:")) {
        return 0;
      }
      if (f.startsWith("master:")) {
        slave = true;
      } else if (f.equals("unbindable")) {
        return 3;
      }
    }
    return slave ? 1 : 2;
  }

  private static Map<String, Long> sorted(Map<String, long[]> counts) {
    List<Map.Entry<String, long[]>> list = new ArrayList<>(counts.entrySet());
    list.sort((a, b) -> a.getValue()[0] != b.getValue()[0] ? Long.compare(b.getValue()[0], a.getValue()[0])
        : a.getKey().compareTo(b.getKey()));
    Map<String, Long> m = new LinkedHashMap<>();
    list.forEach(e -> m.put(e.getKey(), e.getValue()[0]));
    return m;
  }
}
