package io.mountscope.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * Everything the probes read in one tick, raw: counters as read, not rates. Samples are what a
 * recording stores; a {@link Model} is derived from a Sample and the one before it, so a replay
 * recomputes exactly what the live view showed. A part is null when its probe did not run;
 * {@code probes} says why. A stale part (its probe overran its budget) carries the last value the
 * probe delivered, and {@code probes} says how old it is. {@code plugins} holds the parts plugin
 * probes read, as JSON trees keyed by plugin name (null when no plugin probe ran), so a recording
 * stays readable where the plugin is not installed.
 */
public record Sample(
    long timeMillis,
    long monotonicNanos,
    HostInfo host,
    KernelInfo kernel,
    Topology topology,
    CpuTimesSample cpuTimes,
    MountCounters mountCounters,
    MountTableSample mountTable,
    LockSample locks,
    HotspotSample hotspots,
    StartupsSample startups,
    List<Sysctl> sysctls,
    SelfSample self,
    Map<String, ProbeStatus> probes,
    @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, JsonNode> plugins) {

  /** A sample without plugin parts. */
  public Sample(long timeMillis, long monotonicNanos, HostInfo host, KernelInfo kernel, Topology topology,
      CpuTimesSample cpuTimes, MountCounters mountCounters, MountTableSample mountTable, LockSample locks,
      HotspotSample hotspots, StartupsSample startups, List<Sysctl> sysctls, SelfSample self,
      Map<String, ProbeStatus> probes) {
    this(timeMillis, monotonicNanos, host, kernel, topology, cpuTimes, mountCounters, mountTable, locks, hotspots,
        startups, sysctls, self, probes, null);
  }
}
