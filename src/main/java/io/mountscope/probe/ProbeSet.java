package io.mountscope.probe;

import io.mountscope.model.HostInfo;
import io.mountscope.model.KernelInfo;
import io.mountscope.model.MountCounters;
import io.mountscope.probe.perf.CpuSampler;
import io.mountscope.probe.perf.LockContentionTracer;
import io.mountscope.probe.perf.MountSyscallCounters;
import io.mountscope.probe.startups.StartupsProbe;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Which probes a {@link Sampler} runs, with their intervals and budgets, and why any part has no
 * probe. {@link #standard()} is the node's full set, with the loaded plugins' probes.
 */
public final class ProbeSet {
  public static final String HOST = "host";
  public static final String KERNEL = "kernel";
  public static final String TOPOLOGY = "topology";
  public static final String CPU_TIMES = "cpuTimes";
  public static final String MOUNT_ACTIVITY = "mountActivity";
  public static final String MOUNT_TABLE = "mountTable";
  public static final String LOCKS = "locks";
  public static final String HOTSPOTS = "hotspots";
  public static final String STARTUPS = "startups";
  public static final String SYSCTLS = "sysctls";
  public static final String SELF = "self";

  private static final Duration EVERY_TICK = Duration.ZERO;
  /** Opening perf events and rings on every CPU, once. */
  private static final Duration KERNEL_START = Duration.ofSeconds(3);

  private final List<ProbeSpec<?>> specs = new ArrayList<>();
  private final Map<String, String> absent = new LinkedHashMap<>();
  private final List<String> pluginParts = new ArrayList<>();

  /** Adds a probe (replacing one of the same name). */
  public ProbeSet add(ProbeSpec<?> spec) {
    specs.removeIf(s -> s.name().equals(spec.name()));
    specs.add(spec);
    absent.remove(spec.name());
    return this;
  }

  /** Adds a plugin's probe: its part goes to {@code Sample.plugins} under the spec's name. */
  public ProbeSet addPlugin(ProbeSpec<com.fasterxml.jackson.databind.JsonNode> spec) {
    add(spec);
    pluginParts.add(spec.name());
    return this;
  }

  /** The names of the plugin parts, in the order added. */
  public List<String> pluginParts() {
    return List.copyOf(pluginParts);
  }

  /** Records why a part has no probe (shown as state "off"). */
  public ProbeSet absent(String part, String reason) {
    absent.put(part, reason);
    return this;
  }

  public List<ProbeSpec<?>> specs() {
    return List.copyOf(specs);
  }

  public Map<String, String> absent() {
    return Map.copyOf(absent);
  }

  /** Every probe this build has, with the default intervals and budgets, and the plugins' probes. */
  public static ProbeSet standard() {
    ProbeSet set = builtIn();
    io.mountscope.plugin.PluginHost.get().addProbes(set);
    return set;
  }

  /** The plugins' probes alone (loading the plugins if nothing has yet). */
  public static ProbeSet plugins() {
    ProbeSet set = new ProbeSet();
    io.mountscope.plugin.PluginHost.get().addProbes(set);
    return set;
  }

  /** Every probe this build has, with the default intervals and budgets. */
  public static ProbeSet builtIn() {
    ProbeSet set = new ProbeSet()
        .add(new ProbeSpec<HostInfo>(HOST, HostReader::host, Duration.ofSeconds(10), Duration.ofMillis(200)))
        .add(ProbeSpec.<KernelInfo>once(KERNEL, HostReader::kernel, Duration.ofMillis(200)))
        // Read once: the topology changes only with CPU hotplug. sysfs is quick; where OSHI has to
        // read it instead, its first read takes a while.
        .add(ProbeSpec.once(TOPOLOGY, new TopologyReader(), Duration.ofSeconds(5)))
        .add(new ProbeSpec<>(CPU_TIMES, new CpuTimesReader(), EVERY_TICK, Duration.ofMillis(200)))
        .add(new ProbeSpec<>(MOUNT_TABLE, new MountTableProbe()::read, EVERY_TICK, Duration.ofMillis(500)))
        .add(new ProbeSpec<>(SYSCTLS, new SysctlReader(), Duration.ofSeconds(5), Duration.ofMillis(200)))
        .add(new ProbeSpec<>(SELF, new SelfReader(), EVERY_TICK, Duration.ofMillis(100)));
    AtomicReference<MountCounters> latestCounters = new AtomicReference<>();
    KernelProbe<MountSyscallCounters, MountCounters> counters =
        new KernelProbe<>(() -> MountSyscallCounters.start(true), MountSyscallCounters::read);
    set.add(new ProbeSpec<>(MOUNT_ACTIVITY, new Probe<MountCounters>() {
      @Override
      public MountCounters read() {
        MountCounters c = counters.read();
        latestCounters.set(c); // for the startups probe's attribution
        return c;
      }

      @Override
      public void close() throws Exception {
        counters.close();
      }
    }, EVERY_TICK, Duration.ofMillis(200), KERNEL_START));
    set.add(new ProbeSpec<>(LOCKS, new KernelProbe<>(LockContentionTracer::start, LockContentionTracer::read),
        EVERY_TICK, Duration.ofMillis(300), KERNEL_START));
    set.add(new ProbeSpec<>(HOTSPOTS, new KernelProbe<>(() -> CpuSampler.start(CpuSampler.DEFAULT_HZ), CpuSampler::read),
        EVERY_TICK, Duration.ofMillis(300), KERNEL_START));
    set.add(new ProbeSpec<>(STARTUPS, new StartupsReader(StartupsProbe.Settings.fromEnvironment(), latestCounters::get),
        EVERY_TICK, Duration.ofMillis(500)));
    return set;
  }
}
