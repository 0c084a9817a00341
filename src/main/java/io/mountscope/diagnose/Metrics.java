package io.mountscope.diagnose;

import io.mountscope.model.HotspotFamily;
import io.mountscope.model.Hotspots;
import io.mountscope.model.MountActivity;
import io.mountscope.model.MountKind;
import io.mountscope.model.Model;
import io.mountscope.model.Risk;
import io.mountscope.model.Startups;
import io.mountscope.model.Sysctl;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The metrics rules may use, by name. Besides the fixed ones, {@code sysctl.KEY} reads a kernel
 * setting as a number and {@code mountActivity.rate.KIND} the rate of one mount syscall.
 */
public final class Metrics {
  /** The mount syscall kinds the counters report. */
  public static final List<String> KINDS = List.of("mount", "umount", "open_tree", "move_mount", "mount_setattr",
      "fsmount", "fsopen");
  private static final Pattern SYSCTL = Pattern.compile("sysctl\\.[a-z0-9_]+(\\.[a-z0-9_-]+)+");
  private static final Map<String, Metric> FIXED = new LinkedHashMap<>();

  static {
    share("hotspots.mountLockShare", "share of sampled CPU whose stack is in the mount-lock paths",
        m -> m.hotspots().mountLockShare());
    share("hotspots.lockSpinShare", "share of sampled CPU spinning on locks", m -> m.hotspots().lockSpinShare());
    share("hotspots.maxNodeLockSpinShare", "the highest lock-spin share of any NUMA node",
        m -> m.hotspots().perNode().stream().mapToDouble(n -> n.lockSpinShare()).max().orElse(0));
    text("hotspots.topSymbol", "the busiest kernel symbol (not idle, not user space)", m -> m.hotspots().top().stream()
        .filter(s -> s.family() != HotspotFamily.IDLE && s.family() != HotspotFamily.USER).findFirst()
        .map(Hotspots.Symbol::symbol).orElse(null));
    share("locks.mountLockWaitShare", "share of lock wait time in mount-lock callers", m -> m.locks().mountLockWaitShare());
    def("locks.mountLockWaitPerSecond", Unit.RATIO, "seconds waited on mount locks per second, over all threads",
        m -> m.locks().waitNanosPerSecond() * m.locks().mountLockWaitShare() / 1e9);
    text("locks.topCaller", "the caller with the most lock wait", m -> m.locks().rows().get(0).caller());
    share("cpuLoad.busyShare", "share of all CPUs busy", m -> m.cpuLoad().busyShare());
    def("mountActivity.totalRate", Unit.RATE, "mount syscalls per second", m -> m.mountActivity().totalRate());
    def("mountActivity.activeNodes", Unit.COUNT, "NUMA nodes issuing at least a tenth of the mount syscalls",
        Metrics::activeNodes);
    def("mountActivity.idmapsPerMount", Unit.RATIO, "mount_setattr calls per mount/fsmount call (layers idmapped per overlay)",
        Metrics::idmapsPerMount);
    def("mountActivity.top.rate", Unit.RATE, "mount syscalls per second of the busiest process",
        m -> m.mountActivity().topProcesses().get(0).rate());
    text("mountActivity.top.comm", "the busiest process issuing mount syscalls",
        m -> m.mountActivity().topProcesses().get(0).comm());
    def("mountTable.mounts", Unit.COUNT, "mounts in mountscope's namespace", m -> m.mountTable().mounts());
    def("mountTable.growthPerSecond", Unit.RATE, "mounts added per second", m -> m.mountTable().growthPerSecond());
    def("mountTable.readMillis", Unit.MILLIS, "time to read /proc/self/mountinfo", m -> m.mountTable().readMillis());
    def("mountTable.leaks", Unit.COUNT, "leaked mounts", m -> m.mountTable().leaks().size());
    def("mountTable.idmappedTemp", Unit.COUNT, "idmapped temporary mounts present",
        m -> m.mountTable().byKind().getOrDefault(MountKind.IDMAPPED_TEMP.json(), 0L));
    def("mountTable.namespaceCount", Unit.COUNT, "mount namespaces", m -> m.mountTable().namespaceCount());
    share("mountTable.mountMaxShare", "mounts as a share of fs.mount-max", Metrics::mountMaxShare);
    def("topology.numaNodes", Unit.COUNT, "NUMA nodes", m -> m.topology().numaNodes().size());
    def("topology.packages", Unit.COUNT, "sockets", m -> m.topology().packages());
    def("topology.logicalCpus", Unit.COUNT, "logical CPUs", m -> m.topology().logicalCpus());
    def("topology.smtActive", Unit.SWITCH, "SMT on", m -> m.topology().smt().active() ? 1 : 0);
    def("topology.riskLevel", Unit.COUNT, "hardware risk: 0 low, 1 medium, 2 high", Metrics::riskLevel);
    text("topology.risk", "the hardware risk level", m -> m.topology().risk().level());
    text("topology.riskReasons", "why the hardware is at risk", m -> String.join("; ", m.topology().risk().reasons()));
    text("topology.cpuModel", "the CPU model", m -> m.topology().cpuModel());
    def("startups.inFlight", Unit.COUNT, "container starts in flight", m -> m.startups().inFlight().size());
    def("startups.oldestSeconds", Unit.SECONDS, "age of the oldest start in flight",
        m -> m.startups().inFlight().stream().mapToLong(Startups.InFlight::ageMillis).max().orElse(0) / 1000.0);
    def("startups.maxLayers", Unit.COUNT, "most layers of an image starting",
        m -> m.startups().inFlight().stream().map(Startups.InFlight::layers).filter(java.util.Objects::nonNull)
            .mapToInt(Integer::intValue).max().orElse(0));
    def("startups.failed", Unit.COUNT, "container starts that failed", m -> m.startups().failed());
    share("self.cpuShare", "mountscope's own CPU, share of one CPU", m -> m.self().cpuShare());
    def("self.mountinfoBytesPerSecond", Unit.BYTES_PER_SECOND, "mountinfo mountscope reads per second",
        m -> m.self().mountinfoBytesPerSecond());
    def("self.mountSyscallsPerSecond", Unit.RATE, "mount-table syscalls mountscope issues per second",
        m -> m.self().mountSyscallsPerSecond());
  }

  private Metrics() {}

  /** The metric called {@code name}, if there is one. */
  public static Optional<Metric> find(String name) {
    Metric m = FIXED.get(name);
    if (m != null) {
      return Optional.of(m);
    }
    if (SYSCTL.matcher(name).matches()) {
      String key = name.substring("sysctl.".length());
      return Optional.of(new Metric(name, Unit.COUNT, "the sysctl " + key, model -> sysctl(model, key)));
    }
    if (name.startsWith("mountActivity.rate.") && KINDS.contains(name.substring("mountActivity.rate.".length()))) {
      String kind = name.substring("mountActivity.rate.".length());
      return Optional.of(new Metric(name, Unit.RATE, kind + " calls per second",
          model -> model.mountActivity().rates().get(kind)));
    }
    return Optional.empty();
  }

  /** The fixed metrics, for documentation and `--help`. */
  public static Map<String, Metric> all() {
    return Collections.unmodifiableMap(FIXED);
  }

  private static void def(String name, Unit unit, String meaning, Function<Model, Object> read) {
    FIXED.put(name, new Metric(name, unit, meaning, read));
  }

  private static void share(String name, String meaning, Function<Model, Object> read) {
    def(name, Unit.SHARE, meaning, read);
  }

  private static void text(String name, String meaning, Function<Model, Object> read) {
    def(name, Unit.TEXT, meaning, read);
  }

  private static Object activeNodes(Model m) {
    MountActivity a = m.mountActivity();
    if (a.totalRate() <= 0) {
      return 0;
    }
    return (int) a.perNode().stream().filter(n -> n.node() >= 0 && n.rate() >= a.totalRate() / 10).count();
  }

  private static Object idmapsPerMount(Model m) {
    Map<String, Double> r = m.mountActivity().rates();
    double mounts = r.getOrDefault("mount", 0.0) + r.getOrDefault("fsmount", 0.0);
    double idmaps = r.getOrDefault("mount_setattr", 0.0);
    return mounts > 0 ? idmaps / mounts : idmaps > 0 ? idmaps : 0.0;
  }

  private static Object mountMaxShare(Model m) {
    Double max = sysctl(m, "fs.mount-max");
    return max == null || max <= 0 ? null : m.mountTable().mounts() / max;
  }

  private static Object riskLevel(Model m) {
    return switch (m.topology().risk().level()) {
      case Risk.HIGH -> 2;
      case Risk.MEDIUM -> 1;
      default -> 0;
    };
  }

  /** The first number of a sysctl's value, or null. */
  static Double sysctl(Model m, String key) {
    if (m.sysctls() == null) {
      return null;
    }
    for (Sysctl s : m.sysctls()) {
      if (s.key().equals(key) && s.value() != null) {
        try {
          return Double.parseDouble(s.value().trim().split("\\s+")[0].toLowerCase(Locale.ROOT));
        } catch (NumberFormatException notNumeric) {
          return null;
        }
      }
    }
    return null;
  }
}
