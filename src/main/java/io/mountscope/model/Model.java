package io.mountscope.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the views and exporters show: a Sample with rates, deltas, shares and growth computed
 * against the previous Sample, plus the verdicts of the diagnosis. Field names are the JSON
 * contract of {@code snapshot --json} and {@code watch --json} (docs/json.md). Parts not collected
 * are null. Views get Models from {@code diagnose.Diagnosis.derive}, which adds the verdicts.
 * {@code plugins} are the plugins' parts, as their plugins derive them (the raw Sample part where
 * the plugin is not loaded), keyed by plugin name.
 */
public record Model(
    String time,
    HostInfo host,
    KernelInfo kernel,
    Topology topology,
    CpuLoad cpuLoad,
    MountActivity mountActivity,
    MountTable mountTable,
    LockTable locks,
    Hotspots hotspots,
    Startups startups,
    List<Sysctl> sysctls,
    List<Verdict> verdicts,
    SelfCost self,
    Map<String, ProbeStatus> probes,
    @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, JsonNode> plugins) {

  /** A model without plugin parts. */
  public Model(String time, HostInfo host, KernelInfo kernel, Topology topology, CpuLoad cpuLoad,
      MountActivity mountActivity, MountTable mountTable, LockTable locks, Hotspots hotspots, Startups startups,
      List<Sysctl> sysctls, List<Verdict> verdicts, SelfCost self, Map<String, ProbeStatus> probes) {
    this(time, host, kernel, topology, cpuLoad, mountActivity, mountTable, locks, hotspots, startups, sysctls,
        verdicts, self, probes, null);
  }

  /** Derives the model of {@code now} without verdicts; {@code previous} may be null (no rates yet). */
  public static Model derive(Sample now, Sample previous) {
    double seconds = previous == null ? 0 : (now.monotonicNanos() - previous.monotonicNanos()) / 1e9;
    Topology topology = now.topology() == null ? null : now.topology().withRisk(Risk.assess(now.topology()));
    return new Model(
        Instant.ofEpochMilli(now.timeMillis()).toString(),
        now.host(),
        now.kernel(),
        topology,
        CpuLoad.derive(now.cpuTimes(), previous == null ? null : previous.cpuTimes(), topology),
        MountActivity.derive(now.mountCounters(), previous == null ? null : previous.mountCounters(), seconds, topology),
        MountTable.derive(now.mountTable(), previous == null ? null : previous.mountTable(), seconds,
            now.timeMillis(), now.monotonicNanos()),
        LockTable.derive(now.locks(), previous == null ? null : previous.locks(), seconds),
        Hotspots.derive(now.hotspots(), previous == null ? null : previous.hotspots(), topology),
        Startups.derive(now.startups(), previous == null ? null : previous.startups(), now.timeMillis(), seconds),
        now.sysctls(),
        List.of(),
        SelfCost.derive(now.self(), previous == null ? null : previous.self(), seconds),
        now.probes(),
        now.plugins());
  }

  /** This model with the diagnosis' verdicts. */
  public Model withVerdicts(List<Verdict> found) {
    return new Model(time, host, kernel, topology, cpuLoad, mountActivity, mountTable, locks, hotspots, startups,
        sysctls, List.copyOf(found), self, probes, plugins);
  }

  /** This model with the plugins' parts as their plugins derive them. */
  public Model withPlugins(Map<String, JsonNode> derived) {
    return new Model(time, host, kernel, topology, cpuLoad, mountActivity, mountTable, locks, hotspots, startups,
        sysctls, verdicts, self, probes, derived);
  }
}
