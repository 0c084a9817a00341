package io.mountscope.probe;

import io.mountscope.model.HostInfo;
import io.mountscope.model.KernelInfo;
import io.mountscope.model.MountTableSample;
import io.mountscope.model.ProbeStatus;
import io.mountscope.model.Sample;
import io.mountscope.model.Topology;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one Sample from the node. A reader that fails leaves its part null and says why in
 * {@code probes}; it never fails the whole sample.
 */
public final class Sampler {
  private static final Logger LOG = LoggerFactory.getLogger(Sampler.class);
  private final MountTableReader mountTable = new MountTableReader();
  private Topology topology;

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
    return new Sample(System.currentTimeMillis(), System.nanoTime(), host, kernel, topology,
        null, null, table, null, null, null, null, SelfReader.read(), Collections.unmodifiableMap(status));
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
