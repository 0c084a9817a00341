package io.mountscope.training;

import io.mountscope.diagnose.Metrics;
import io.mountscope.diagnose.Unit;
import io.mountscope.model.Hotspots;
import io.mountscope.model.Model;
import io.mountscope.model.MountActivity;
import io.mountscope.model.Verdict;
import io.mountscope.recipe.Facts;
import io.mountscope.recipe.Type;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The names a scenario's answers may use, and their values in one {@link Reading}: every metric of
 * the diagnosis rules ({@code locks.topCaller}, {@code hotspots.topSymbol},
 * {@code mountActivity.totalRate}, ...), the node facts of recipes ({@code cpus},
 * {@code numa-nodes}), and the training's own: the verdicts, the NUMA node spinning most, and the
 * staged storm as its worker reports it and the mount-syscall counters see it.
 */
public final class LiveNames {
  /** Verdicts that are this incident (the mount locks under a start storm), for {@code verdict.incident}. */
  static final Set<String> INCIDENT = Set.of("mount-lock-contention", "idmap-per-layer", "idmapped-temp-mounts-piling-up",
      "mount-storm", "too-many-concurrent-starts", "starts-stuck", "cross-node-contention");

  /** The training's own names, with their meaning (docs/training.md lists them). */
  static final Map<String, String> OWN = own();
  private static final Map<String, Type> OWN_TYPES = ownTypes();

  private LiveNames() {}

  private static Map<String, String> own() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("verdict.top", "id of the first (most severe) verdict, or none");
    m.put("verdict.next", "the first recipe the first verdict names next, or none");
    m.put("verdict.incident", "yes when a verdict of the mount-lock incident is up, else no");
    m.put("hotspots.topSpinNode", "the NUMA node with the highest share of CPU spinning on locks");
    m.put("storm.pattern", "the staged storm's pattern");
    m.put("storm.layers", "layers per start of the staged storm");
    m.put("storm.threads", "concurrent starts of the staged storm");
    m.put("storm.startsPerSecond", "starts per second, as the storm's worker reports them");
    m.put("storm.mountRate", "mount syscalls per second of the storm's worker process (attribution)");
    m.put("storm.syscallsPerStart", "storm.mountRate / storm.startsPerSecond: mount syscalls one start costs");
    return java.util.Collections.unmodifiableMap(m);
  }

  private static Map<String, Type> ownTypes() {
    Map<String, Type> m = new LinkedHashMap<>();
    OWN.keySet().forEach(k -> m.put(k, Type.NUMBER));
    m.put("verdict.top", Type.STRING);
    m.put("verdict.next", Type.STRING);
    m.put("verdict.incident", Type.STRING);
    m.put("hotspots.topSpinNode", Type.INT);
    m.put("storm.pattern", Type.STRING);
    m.put("storm.layers", Type.INT);
    m.put("storm.threads", Type.INT);
    return m;
  }

  /** The type of a name, or null when there is no such name. */
  public static Type type(String name) {
    Type own = OWN_TYPES.get(name);
    if (own != null) {
      return own;
    }
    if (Facts.TYPES.containsKey(name)) {
      return Facts.TYPES.get(name);
    }
    return Metrics.find(name).map(m -> m.unit() == Unit.TEXT ? Type.STRING : Type.NUMBER).orElse(null);
  }

  /** The value of {@code name} in {@code r}, or null when the node does not measure it (or there is no storm). */
  public static Object value(String name, Reading r, Map<String, Object> facts) {
    if (facts.containsKey(name)) {
      return facts.get(name);
    }
    Model m = r.model();
    Reading.Storm s = r.storm();
    return switch (name) {
      case "verdict.top" -> m.verdicts().isEmpty() ? "none" : m.verdicts().get(0).id();
      case "verdict.next" -> m.verdicts().isEmpty() || m.verdicts().get(0).next().isEmpty() ? "none"
          : m.verdicts().get(0).next().get(0);
      case "verdict.incident" -> m.verdicts().stream().map(Verdict::id).anyMatch(INCIDENT::contains) ? "yes" : "no";
      case "hotspots.topSpinNode" -> topSpinNode(m.hotspots());
      case "storm.pattern" -> s == null ? null : s.pattern();
      case "storm.layers" -> s == null ? null : (long) s.layers();
      case "storm.threads" -> s == null ? null : (long) s.threads();
      case "storm.startsPerSecond" -> s == null || s.startsPerSecond() <= 0 ? null : s.startsPerSecond();
      case "storm.mountRate" -> mountRate(m, s);
      case "storm.syscallsPerStart" -> perStart(m, s);
      default -> Metrics.find(name).map(metric -> metric.value(m)).map(LiveNames::widen).orElse(null);
    };
  }

  private static Object widen(Object v) {
    return v instanceof Integer i ? (Object) (long) i : v;
  }

  private static Object topSpinNode(Hotspots h) {
    if (h == null) {
      return null;
    }
    return h.perNode().stream().filter(n -> n.node() >= 0 && n.samples() > 0)
        .max(java.util.Comparator.comparingDouble(Hotspots.NodeSpin::lockSpinShare))
        .map(n -> (Object) (long) n.node()).orElse(null);
  }

  /** The worker's mount syscalls per second over the last tick, from the counters' per-process attribution. */
  static Double mountRate(Model m, Reading.Storm s) {
    if (s == null || m.mountActivity() == null) {
      return null;
    }
    List<MountActivity.ProcessRate> top = m.mountActivity().topProcesses();
    return top.stream().filter(p -> p.pid() == s.workerPid()).map(MountActivity.ProcessRate::rate).findFirst()
        .orElse(null);
  }

  private static Object perStart(Model m, Reading.Storm s) {
    Double rate = mountRate(m, s);
    return rate == null || s.startsPerSecond() <= 0 ? null : rate / s.startsPerSecond();
  }
}
