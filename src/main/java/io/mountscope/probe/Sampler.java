package io.mountscope.probe;

import io.mountscope.model.HostInfo;
import io.mountscope.model.HotspotSample;
import io.mountscope.model.KernelInfo;
import io.mountscope.model.LockSample;
import io.mountscope.model.MountCounters;
import io.mountscope.model.MountTableSample;
import io.mountscope.model.ProbeStatus;
import io.mountscope.model.Sample;
import io.mountscope.model.StartupsSample;
import io.mountscope.model.Topology;
import io.mountscope.probe.perf.KernelCollectors;
import io.mountscope.probe.startups.StartupsProbe;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one Sample from the node. A reader that fails leaves its part null and says why in
 * {@code probes}; it never fails the whole sample. The kernel collectors (mount-syscall counters,
 * lock contention, CPU sampling) start on the first sample; close the Sampler to stop them and the
 * probes' other threads and child processes (the startups probe's {@code ctr events}).
 */
public final class Sampler implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Sampler.class);
  private final MountTableReader mountTable = new MountTableReader();
  private final KernelCollectors kernelCollectors = new KernelCollectors();
  private Topology topology;
  private StartupsProbe startups;

  public Sample sample() {
    Map<String, ProbeStatus> status = new LinkedHashMap<>();
    HostInfo host = timed("host", status, HostReader::host);
    KernelInfo kernel = timed("kernel", status, HostReader::kernel);
    if (topology == null) {
      // Topology changes only with CPU hotplug; read it once per session.
      topology = timed("topology", status, () -> new TopologyReader().read());
    } else {
      status.put("topology", ProbeStatus.ok(0));
    }
    MountCounters counters = kernelCollectors.mountCounters(status);
    MountTableSample table = timed("mountTable", status, mountTable::read);
    LockSample locks = kernelCollectors.locks(status);
    HotspotSample hotspots = kernelCollectors.hotspots(status);
    StartupsSample starts = timed("startups", status, () -> startups(counters));
    return new Sample(System.currentTimeMillis(), System.nanoTime(), host, kernel, topology,
        null, counters, table, locks, hotspots, starts, null, SelfReader.read(), Collections.unmodifiableMap(status));
  }

  private StartupsSample startups(MountCounters counters) {
    if (startups == null) {
      // Started on the first tick: it connects in the background and reports from the next one.
      startups = StartupsProbe.start(StartupsProbe.Settings.fromEnvironment());
    }
    return startups.sample(counters); // per-process mount counts, for each start's runtime processes
  }

  /** Stops the kernel collectors (perf events, ring buffers, threads) and the startups probe. */
  @Override
  public void close() {
    kernelCollectors.close();
    if (startups != null) {
      startups.close();
      startups = null;
    }
  }

  private static <T> T timed(String probe, Map<String, ProbeStatus> status, Callable<T> reader) {
    long start = System.nanoTime();
    try {
      T value = reader.call();
      status.put(probe, ProbeStatus.ok((System.nanoTime() - start) / 1_000_000));
      return value;
    } catch (Exception e) {
      LOG.warn("probe {} failed", probe, e);
      status.put(probe, new ProbeStatus(ProbeStatus.UNAVAILABLE, e.getMessage(), (System.nanoTime() - start) / 1_000_000));
      return null;
    }
  }
}
