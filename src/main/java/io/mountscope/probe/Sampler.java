package io.mountscope.probe;

import io.mountscope.model.HostInfo;
import io.mountscope.model.KernelInfo;
import io.mountscope.model.MountTableSample;
import io.mountscope.model.ProbeStatus;
import io.mountscope.model.Sample;
import io.mountscope.model.StartupsSample;
import io.mountscope.model.Topology;
import io.mountscope.probe.startups.StartupsProbe;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one Sample from the node. A reader that fails leaves its part null and says why in
 * {@code probes}; it never fails the whole sample. Close it to stop the probes' own threads and
 * child processes (the startups probe's {@code ctr events}).
 */
public final class Sampler implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Sampler.class);
  private final MountTableReader mountTable = new MountTableReader();
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
    MountTableSample table = timed("mountTable", status, mountTable::read);
    StartupsSample starts = timed("startups", status, this::startups);
    return new Sample(System.currentTimeMillis(), System.nanoTime(), host, kernel, topology,
        null, null, table, null, null, starts, null, SelfReader.read(), Collections.unmodifiableMap(status));
  }

  private StartupsSample startups() {
    if (startups == null) {
      // Started on the first tick: it connects in the background and reports from the next one.
      startups = StartupsProbe.start(StartupsProbe.Settings.fromEnvironment());
    }
    // Mount counters per process come from the mount activity probe (issue 3); none yet here.
    return startups.sample(null);
  }

  @Override
  public void close() {
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
