package io.mountscope.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the views and exporters show: a Sample with rates, deltas and growth computed against the
 * previous Sample, plus the verdicts of the diagnosis. Field names are the JSON contract of
 * {@code snapshot --json} (docs/json.md). Parts not collected are null.
 */
public record Model(
    String time,
    HostInfo host,
    KernelInfo kernel,
    Topology topology,
    MountActivity mountActivity,
    MountTable mountTable,
    LockTable locks,
    Hotspots hotspots,
    Startups startups,
    List<Sysctl> sysctls,
    List<Verdict> verdicts,
    SelfCost self,
    Map<String, ProbeStatus> probes) {

  /** Derives the model of {@code now}; {@code previous} may be null (no rates yet). */
  public static Model derive(Sample now, Sample previous) {
    double seconds = previous == null ? 0 : (now.monotonicNanos() - previous.monotonicNanos()) / 1e9;
    return new Model(
        Instant.ofEpochMilli(now.timeMillis()).toString(),
        now.host(),
        now.kernel(),
        now.topology(),
        MountActivity.derive(now.mountCounters(), previous == null ? null : previous.mountCounters(), seconds),
        mountTable(now.mountTable(), previous == null ? null : previous.mountTable(), seconds),
        LockTable.derive(now.locks()),
        Hotspots.derive(now.hotspots()),
        Startups.derive(now.startups(), previous == null ? null : previous.startups(), now.timeMillis(), seconds),
        now.sysctls(),
        List.of(),
        self(now.self(), previous == null ? null : previous.self(), seconds),
        now.probes());
  }

  private static MountTable mountTable(MountTableSample now, MountTableSample before, double seconds) {
    if (now == null) {
      return null;
    }
    double growth = before == null || seconds <= 0 ? 0 : (now.mounts() - before.mounts()) / seconds;
    return new MountTable(now.mounts(), growth, now.readNanos() / 1e6, now.bytesRead());
  }

  private static SelfCost self(SelfSample now, SelfSample before, double seconds) {
    if (now == null) {
      return null;
    }
    double share = before == null || seconds <= 0 ? 0 : (now.cpuNanos() - before.cpuNanos()) / 1e9 / seconds;
    return new SelfCost(share, now.rssBytes());
  }
}
