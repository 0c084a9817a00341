package io.mountscope.stress;

import io.mountscope.kernel.MountApi;
import io.mountscope.kernel.Syscalls;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The built-in patterns as start plans, step for step what /work/shared/bench/mount_storm_ref.c
 * does per start (same calls, same order, same flags), so engine and reference are comparable.
 */
public final class Patterns {
  /** open_tree flags containerd uses for a layer: a detached clone, closed on exec. */
  static final int CLONE = MountApi.OPEN_TREE_CLONE | MountApi.OPEN_TREE_CLOEXEC;
  static final long IDMAP_RO = MountApi.MOUNT_ATTR_IDMAP | MountApi.MOUNT_ATTR_RDONLY;

  private Patterns() {}

  /** Thread {@code t}'s plan for a run of {@code params} in {@code layout}. */
  public static StartPlan plan(StressParams params, Layout layout, int t) {
    return switch (params.pattern()) {
      case BIND -> bind(layout, t);
      case OVERLAY -> overlay(params.layers(), layout, t);
      case IDMAP_PER_LAYER -> idmapPerLayer(params.layers(), layout, t);
      case IDMAP_COMMON_PARENT -> idmapCommonParent(params.layers(), layout, t);
      case CUSTOM -> CustomPlanner.plan(params.custom(), params.layers(), layout, t);
    };
  }

  static StartPlan bind(Layout layout, int t) {
    String target = layout.thread(t) + "/bind";
    return plan(layout, List.of(target), false,
        new Step.Mount(layout.layers(), target, null, Syscalls.MS_BIND, null),
        new Step.Umount(target, 0));
  }

  static StartPlan overlay(int layers, Layout layout, int t) {
    String w = layout.thread(t);
    List<String> lower = new ArrayList<>();
    for (int i = 0; i < layers; i++) {
      lower.add(layout.layer(i));
    }
    return plan(layout, List.of(w + "/merged", w + "/up", w + "/wk"), false,
        overlayMount(lower, w),
        new Step.Umount(w + "/merged", Syscalls.MNT_DETACH));
  }

  static StartPlan idmapPerLayer(int layers, Layout layout, int t) {
    String w = layout.thread(t);
    List<Step> steps = new ArrayList<>();
    List<String> dirs = new ArrayList<>(List.of(w + "/merged", w + "/up", w + "/wk"));
    List<String> lower = new ArrayList<>();
    for (int i = 0; i < layers; i++) {
      String tmp = w + "/t" + i;
      dirs.add(tmp);
      lower.add(tmp);
      idmap(steps, layout.layer(i), tmp);
    }
    steps.add(overlayMount(lower, w));
    for (String tmp : lower) {
      steps.add(new Step.Umount(tmp, Syscalls.MNT_DETACH));
    }
    steps.add(new Step.Umount(w + "/merged", Syscalls.MNT_DETACH));
    return plan(layout, dirs, true, steps.toArray(Step[]::new));
  }

  static StartPlan idmapCommonParent(int layers, Layout layout, int t) {
    String w = layout.thread(t);
    String tc = w + "/tc";
    List<Step> steps = new ArrayList<>();
    idmap(steps, layout.layers(), tc);
    List<String> lower = new ArrayList<>();
    for (int i = 0; i < layers; i++) {
      lower.add(tc + "/" + i);
    }
    steps.add(overlayMount(lower, w));
    steps.add(new Step.Umount(tc, Syscalls.MNT_DETACH));
    steps.add(new Step.Umount(w + "/merged", Syscalls.MNT_DETACH));
    return plan(layout, List.of(w + "/merged", w + "/up", w + "/wk", tc), true, steps.toArray(Step[]::new));
  }

  /** What containerd does to idmap one tree: clone it detached, idmap it read-only, attach it. */
  static void idmap(List<Step> steps, String source, String target) {
    steps.add(new Step.OpenTree(source, CLONE));
    steps.add(new Step.SetAttr(IDMAP_RO, 0, 0, true));
    steps.add(new Step.MoveMount(target));
    steps.add(new Step.CloseTree());
  }

  /** The overlay of a start: lower dirs top first, upper and work dirs in the thread's directory. */
  static Step.Mount overlayMount(List<String> lower, String w) {
    return new Step.Mount("overlay", w + "/merged", "overlay", 0,
        overlayData(lower, w + "/up", w + "/wk"));
  }

  static String overlayData(List<String> lower, String upper, String work) {
    return "lowerdir=" + String.join(":", lower) + (upper == null ? "" : ",upperdir=" + upper)
        + (work == null ? "" : ",workdir=" + work);
  }

  private static StartPlan plan(Layout layout, List<String> dirs, boolean userns, Step... steps) {
    return new StartPlan("pattern", layout.root(), List.of(steps), Collections.nCopies(steps.length, 0), dirs, userns);
  }
}
