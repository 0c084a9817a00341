package io.mountscope.recipe.workload;

import io.mountscope.journal.Owner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.stream.Collectors;

/**
 * Mounts left behind in this process's mount namespace, by rules that cannot mistake a mount in
 * use for a leak: the scratch tmpfs of a mountscope storm whose process is gone; a mount whose
 * target directory was deleted (mountinfo says "(deleted)"); an idmapped layer containerd put in
 * a temporary directory ({@code ovl-idmapped}) that has stayed for a minute or more, when
 * containerd removes them within the start that made them (the same rules as the mount table
 * panel's leaks).
 */
public final class LeakFinder {
  public static final String STORM_SCRATCH = "storm-scratch";
  public static final String TARGET_GONE = "target-gone";
  public static final String IDMAPPED_TEMP_OLD = "idmapped-temp-old";
  private static final java.util.regex.Pattern SCRATCH =
      java.util.regex.Pattern.compile("^/(?:tmp|run)/mountscope-stress\\.(\\d+)\\.\\d+$");

  private LeakFinder() {}

  /** One leaked mount: where, what, why it counts as leaked, and whether umount by its path can remove it. */
  public record Leak(String mountPoint, String fsType, String source, String reason, boolean removable, String detail) {
    /** "tmpfs mountscope-stress": what was mounted there. */
    public String describe() {
      return fsType + " " + source;
    }
  }

  /**
   * The leaks in {@code now}; {@code earlier} is a read made {@code ageSeconds} before, which
   * dates the idmapped temporary mounts (those in both reads, by mount id).
   */
  public static List<Leak> find(List<MountTable.Mount> now, List<MountTable.Mount> earlier, double ageSeconds) {
    Set<Integer> seenBefore = earlier.stream().map(MountTable.Mount::id).collect(Collectors.toSet());
    List<Leak> out = new ArrayList<>();
    List<String> covered = new ArrayList<>();
    for (MountTable.Mount m : now) {
      String mp = m.mountPoint();
      if (covered.stream().anyMatch(c -> mp.startsWith(c + "/"))) {
        continue; // beneath a leak already listed: removing that one removes this one
      }
      Matcher s = SCRATCH.matcher(mp);
      if (s.matches() && Owner.of(Long.parseLong(s.group(1))).isEmpty()) {
        out.add(new Leak(mp, m.fsType(), m.source(), STORM_SCRATCH, true, "scratch of stress worker pid " + s.group(1)
            + ", which has ended"));
        covered.add(mp);
      } else if (mp.endsWith(" (deleted)") || mp.endsWith("//deleted")) {
        out.add(new Leak(mp, m.fsType(), m.source(), TARGET_GONE, false,
            "its directory was deleted; no path reaches it, so it goes when the last process in this namespace ends"));
      } else if (mp.contains("ovl-idmapped") && seenBefore.contains(m.id()) && ageSeconds >= 60) {
        out.add(new Leak(mp, m.fsType(), m.source(), IDMAPPED_TEMP_OLD, true,
            String.format(java.util.Locale.US, "an idmapped layer still there after %.0f s", ageSeconds)));
        covered.add(mp);
      } else if (!mp.startsWith("/proc") && !Files.exists(Path.of(mp))) {
        out.add(new Leak(mp, m.fsType(), m.source(), TARGET_GONE, false, "its target path does not resolve"));
      }
    }
    return out;
  }

  /** Counts by reason, for the report. */
  public static Map<String, Long> byReason(List<Leak> leaks) {
    return leaks.stream().collect(Collectors.groupingBy(Leak::reason, Collectors.counting()));
  }
}
