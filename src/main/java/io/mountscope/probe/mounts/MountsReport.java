package io.mountscope.probe.mounts;

import io.mountscope.model.MountTableSample;
import java.util.List;
import java.util.Map;

/**
 * What {@code mountscope mounts} reports on a mount table (live or a captured file): its size and
 * read cost, breakdowns, the places that made most mounts, idmapped temporary mounts, and for the
 * live table the mount namespaces and mounts whose target is gone.
 */
public record MountsReport(
    String source,
    boolean live,
    long mounts,
    long bytes,
    double readMillis,
    double parseMillis,
    Map<String, Long> byFsType,
    Map<String, Long> byKind,
    Map<String, Long> propagation,
    List<PatternCount> topPatterns,
    long idmappedTemp,
    List<String> idmappedTempExamples,
    int longestOptions,
    List<MountTableSample.Namespace> namespaces,
    List<String> targetsGone) {

  /** A mount-point pattern (ids wildcarded) and how many mounts match it. */
  public record PatternCount(String pattern, long mounts) {}
}
