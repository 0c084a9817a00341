package io.mountscope.gate;

import io.mountscope.containerd.IdmapStrategy;
import io.mountscope.image.MountCost;
import io.mountscope.stress.Latency;
import io.mountscope.stress.Pattern;
import io.mountscope.stress.StressEngine;
import io.mountscope.stress.StressParams;
import io.mountscope.stress.StressResult;
import io.mountscope.util.InputException;
import io.mountscope.util.Fmt;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The image gate for pipelines: judges an image against {@link GateThresholds}. Layers and mount
 * syscalls per start are read off the image (docs/containerd.md gives the cost per strategy); p99
 * start latency is measured with the stress engine, which makes the mount syscalls of one start
 * of an image of that many layers under that strategy, {@code concurrency} at a time.
 */
public final class ImageGate {
  private ImageGate() {}

  /** The storm pattern that makes a start's rootfs mounts the way {@code idmap} does. */
  static Pattern patternOf(IdmapStrategy idmap) {
    return switch (idmap) {
      case PER_LAYER -> Pattern.IDMAP_PER_LAYER;
      case COMMON_PARENT -> Pattern.IDMAP_COMMON_PARENT;
      case NONE -> Pattern.OVERLAY;
      case UNKNOWN -> throw new IllegalArgumentException("unknown idmap strategy");
    };
  }

  public static GateReport judge(GateImage image, GateThresholds t) throws InterruptedException {
    List<GateCheck> checks = new ArrayList<>();
    if (t.maxLayers() != null) {
      boolean ok = image.layers() <= t.maxLayers();
      checks.add(new GateCheck("layers", ok, (double) image.layers(), t.maxLayers(),
          image.layers() + " layers " + (ok ? "<= " : "> ") + t.maxLayers(),
          ok ? null : "flatten the image (mountscope images flatten REF) or squash layers in its build", 0, null, null));
    }
    if (t.maxMountSyscalls() != null) {
      int cost = MountCost.of(image.layers()).withUserns(t.idmap());
      boolean ok = cost <= t.maxMountSyscalls();
      checks.add(new GateCheck("mountSyscallsPerStart", ok, (double) cost, t.maxMountSyscalls(),
          cost + " mount syscalls per user-namespaced start " + (ok ? "<= " : "> ") + t.maxMountSyscalls()
              + " (" + strategyText(t) + ")",
          ok ? null : t.idmap() == IdmapStrategy.PER_LAYER
              ? "fewer layers, or containerd 2.0.7+, 2.1.5+ or 2.2+ (idmaps the layers' common parent once: 5 per start)"
              : "fewer layers", 0, null, null));
    }
    if (t.maxP99Millis() != null) {
      checks.add(latency(image, t));
    }
    boolean passed = checks.stream().allMatch(GateCheck::passed);
    return new GateReport(image.name(), image.source(), image.platform(), image.layers(), t.idmap().json(),
        t.containerdVersion(), passed, List.copyOf(checks));
  }

  private static GateCheck latency(GateImage image, GateThresholds t) throws InterruptedException {
    long start = System.nanoTime();
    Pattern pattern = patternOf(t.idmap());
    List<LatencyMeasurement.Round> rounds = new ArrayList<>();
    try {
      for (int r = 0; r < t.rounds(); r++) {
        StressResult res = StressEngine.run(StressParams.of(pattern, image.layers(), t.concurrency(), t.starts())
            .withWarmup(0.3), p -> { });
        if (res.starts() == 0) {
          throw new InputException("no start of the " + pattern.cliName() + " storm succeeded: " + res.firstError());
        }
        Latency l = res.latencyMillis();
        rounds.add(new LatencyMeasurement.Round(l.p50(), l.p95(), l.p99(), l.max(), res.startsPerSecond()));
      }
    } catch (InputException e) {
      // The engine cannot build such a start here (too many layers for one overlay mount, fs.mount-max).
      return new GateCheck("p99StartMillis", false, null, t.maxP99Millis(), "p99 start latency not measured: "
          + e.getMessage(), "fewer layers", seconds(start), null, e.getMessage());
    }
    double[] p99s = rounds.stream().mapToDouble(LatencyMeasurement.Round::p99).sorted().toArray();
    double median = median(p99s);
    boolean ok = median <= t.maxP99Millis();
    LatencyMeasurement m = new LatencyMeasurement(pattern.cliName(), image.layers(), t.concurrency(), t.starts(),
        List.copyOf(rounds), median);
    return new GateCheck("p99StartMillis", ok, median, t.maxP99Millis(),
        String.format(Locale.US, "p99 start latency %.2f ms %s %s ms at %d concurrent starts (%s; p99 of %s: %s ms; "
            + "p50 %.2f ms)", median, ok ? "<=" : ">", Fmt.number(t.maxP99Millis()), t.concurrency(), strategyText(t),
            p99s.length == 1 ? "one round" : "each of " + p99s.length + " rounds, median judged",
            String.join(", ", Arrays.stream(p99s).mapToObj(p -> String.format(Locale.US, "%.2f", p)).toList()),
            median(rounds.stream().mapToDouble(LatencyMeasurement.Round::p50).sorted().toArray())),
        ok ? null : "fewer layers, fewer concurrent starts, or a containerd that idmaps the layers' common parent once",
        seconds(start), m, null);
  }

  private static double median(double[] sorted) {
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  static String strategyText(GateThresholds t) {
    String s = switch (t.idmap()) {
      case PER_LAYER -> "per-layer idmap";
      case COMMON_PARENT -> "common-parent idmap";
      case NONE -> "no idmapped mounts";
      case UNKNOWN -> "unknown";
    };
    return t.containerdVersion() == null ? s : s + ", containerd " + t.containerdVersion();
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}
