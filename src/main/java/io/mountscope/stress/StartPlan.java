package io.mountscope.stress;

import io.mountscope.util.InputException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The steps of one container start for one thread, the directories they need, and whether they
 * need a user namespace. {@link #analyse()} checks that every start undoes its own mounts and
 * works out how many mounts a start holds at its peak (the fs.mount-max estimate) and which mount
 * each umount undoes (so a failed start can be unwound). {@code lines} gives each step's line in
 * {@code source} (a custom pattern's YAML), 0 for built-in patterns; messages show paths relative
 * to the scratch {@code root}.
 */
public record StartPlan(String source, String root, List<Step> steps, List<Integer> lines, List<String> directories, boolean userns) {

  public StartPlan {
    steps = List.copyOf(steps);
    lines = List.copyOf(lines);
    directories = List.copyOf(directories);
  }

  /**
   * What {@link #analyse()} found: the peak number of mounts one start holds; for each step the
   * slot (in mount creation order) it creates or removes, -1 otherwise; each slot's mount point.
   */
  public record Analysis(int peakMounts, int[] slotOfStep, List<String> slotTargets) {}

  /** Simulates one start; a start that leaves a mount behind or unmounts a stranger is an input error. */
  public Analysis analyse() {
    Map<String, Deque<Integer>> mounted = new HashMap<>();
    Map<Integer, Integer> slotLine = new HashMap<>();
    int[] slotOfStep = new int[steps.size()];
    List<String> slotTargets = new ArrayList<>();
    int live = 0;
    int peak = 0;
    for (int i = 0; i < steps.size(); i++) {
      Step s = steps.get(i);
      slotOfStep[i] = -1;
      if (s.createsMount()) {
        int slot = slotTargets.size();
        slotTargets.add(s.mountPoint());
        slotLine.put(slot, lines.get(i));
        mounted.computeIfAbsent(s.mountPoint(), k -> new ArrayDeque<>()).push(slot);
        slotOfStep[i] = slot;
        peak = Math.max(peak, ++live);
      } else if (s instanceof Step.Umount u) {
        Deque<Integer> stack = mounted.get(u.target());
        if (stack == null || stack.isEmpty()) {
          throw InputException.at(source, lines.get(i), "umount of " + display(u.target())
              + ", which no earlier step mounted: each umount must undo a mount of the same start");
        }
        slotOfStep[i] = stack.pop();
        live--;
      }
    }
    int leftover = mounted.values().stream().flatMap(Deque::stream).mapToInt(Integer::intValue).min().orElse(-1);
    if (leftover >= 0) {
      throw InputException.at(source, slotLine.get(leftover), "the mount on " + display(slotTargets.get(leftover))
          + " is never unmounted: every start must undo its own mounts, or the storm fills the mount table");
    }
    return new Analysis(peak, slotOfStep, List.copyOf(slotTargets));
  }

  /** A path as the operator wrote it: relative to the scratch root. */
  public String display(String path) {
    return path.startsWith(root + "/") ? path.substring(root.length() + 1) : path;
  }

  /** Mount syscalls of one successful start, by kind (what the report divides by). */
  public long[] syscallsPerStart() {
    long[] n = new long[SyscallKind.values().length];
    for (Step s : steps) {
      if (s.kind() != null) {
        n[s.kind().ordinal()]++;
      }
    }
    return n;
  }
}
