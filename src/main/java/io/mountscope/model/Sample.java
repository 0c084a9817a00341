package io.mountscope.model;

import java.util.Map;

/**
 * Everything the probes read in one tick, raw: counters as read, not rates. Samples are what a
 * recording stores; a {@link Model} is derived from a Sample and the one before it, so a replay
 * recomputes exactly what the live view showed. A part is null when its probe did not run;
 * {@code probes} says why.
 */
public record Sample(
    long timeMillis,
    long monotonicNanos,
    HostInfo host,
    KernelInfo kernel,
    Topology topology,
    MountCounters mountCounters,
    MountTableSample mountTable,
    LockSample locks,
    HotspotSample hotspots,
    StartupsSample startups,
    java.util.List<Sysctl> sysctls,
    SelfSample self,
    Map<String, ProbeStatus> probes) {}
