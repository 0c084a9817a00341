package io.mountscope.probe;

import com.fasterxml.jackson.databind.JsonNode;
import io.mountscope.model.CpuTimesSample;
import io.mountscope.model.HostInfo;
import io.mountscope.model.HotspotSample;
import io.mountscope.model.KernelInfo;
import io.mountscope.model.LockSample;
import io.mountscope.model.MountCounters;
import io.mountscope.model.MountTableSample;
import io.mountscope.model.ProbeStatus;
import io.mountscope.model.Sample;
import io.mountscope.model.SelfSample;
import io.mountscope.model.StartupsSample;
import io.mountscope.model.Sysctl;
import io.mountscope.model.Topology;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The probe scheduler: {@link #sample()} is one tick. Each probe that is due starts on its own
 * thread; the tick waits for each one at most its time budget. A probe that overruns marks its
 * part stale (carrying its last value, and saying why in {@code Sample.probes}) instead of
 * stalling the tick, and finishes in the background for a later tick. Not thread-safe: one owner
 * calls {@link #sample()}; close it to release the probes' kernel resources.
 */
public final class Sampler implements AutoCloseable {
  /** The parts of a Sample, as named in {@code probes}, in order. */
  public static final List<String> PARTS = List.of(ProbeSet.HOST, ProbeSet.KERNEL, ProbeSet.TOPOLOGY,
      ProbeSet.CPU_TIMES, ProbeSet.MOUNT_ACTIVITY, ProbeSet.MOUNT_TABLE, ProbeSet.LOCKS, ProbeSet.HOTSPOTS,
      ProbeSet.STARTUPS, ProbeSet.SYSCTLS, ProbeSet.SELF);

  private final Map<String, ProbeSlot<?>> slots = new LinkedHashMap<>();
  private final Map<String, String> absent;
  private final List<String> pluginParts = new ArrayList<>();
  private final ExecutorService pool;
  private volatile Duration firstReadWait;
  private boolean deferSlowStarts;

  /** The standard probes of this node. */
  public Sampler() {
    this(ProbeSet.standard());
  }

  public Sampler(ProbeSet probes) {
    probes.specs().forEach(s -> slots.put(s.name(), new ProbeSlot<>(s)));
    absent = probes.absent();
    pluginParts.addAll(probes.pluginParts());
    AtomicInteger n = new AtomicInteger();
    pool = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "probe-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * Stops ticks from waiting for first reads: a quick probe's first read is waited for at most
   * {@code wait} after the tick began, and a slow starter's (one whose first read has a larger
   * budget than the others: perf events opened on every CPU, kallsyms, a plugin connecting
   * somewhere) not at all; such a part is "starting" in the Sample, and a later tick takes the read
   * in. The dashboard draws its first frame this way; snapshots wait.
   */
  public Sampler firstReadsWaitAtMost(Duration wait) {
    this.firstReadWait = wait;
    return this;
  }

  /**
   * Leaves the slow starters alone until {@link #startDeferred()}: the first tick reads only the
   * quick probes and reports the others as starting, so their start (perf events on every CPU,
   * kallsyms) does not take CPU from the first Sample and what is drawn from it.
   */
  public Sampler deferSlowStarts() {
    this.deferSlowStarts = true;
    return this;
  }

  /** Starts the slow starters that {@link #deferSlowStarts()} held back; their reads join a later tick. */
  public void startDeferred() {
    if (!deferSlowStarts) {
      return;
    }
    deferSlowStarts = false;
    long now = System.nanoTime();
    slots.values().stream().filter(ProbeSlot::slowStart).forEach(s -> s.startIfDue(now, pool));
  }

  /** Adds plugin probes between two ticks (the dashboard adds them after its first frame). */
  public void addPluginProbes(ProbeSet plugins) {
    plugins.specs().forEach(s -> slots.put(s.name(), new ProbeSlot<>(s)));
    pluginParts.addAll(plugins.pluginParts());
  }

  /** One tick: reads what is due, waits at most each probe's budget, and assembles the Sample. */
  public Sample sample() {
    long start = System.nanoTime();
    for (ProbeSlot<?> s : slots.values()) {
      if (!(deferSlowStarts && s.slowStart())) {
        s.startIfDue(start, pool);
      }
    }
    long firstReadDeadline = firstReadWait == null ? Long.MAX_VALUE : start + firstReadWait.toNanos();
    try {
      // Quick probes first: a slow starter that has finished by the time they have is taken in too.
      for (ProbeSlot<?> s : slots.values()) {
        if (!s.slowStart()) {
          s.awaitBudget(firstReadDeadline);
        }
      }
      for (ProbeSlot<?> s : slots.values()) {
        if (s.slowStart()) {
          s.awaitBudget(firstReadWait == null ? Long.MAX_VALUE : start);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    long now = System.nanoTime();
    Map<String, ProbeStatus> status = new LinkedHashMap<>();
    for (String part : PARTS) {
      ProbeSlot<?> slot = slots.get(part);
      status.put(part, slot != null ? collect(slot, now)
          : new ProbeStatus(ProbeStatus.OFF, absent.getOrDefault(part, "no probe for this part"), 0, 0));
    }
    slots.forEach((name, slot) -> status.computeIfAbsent(name, k -> collect(slot, now)));
    return new Sample(System.currentTimeMillis(), now,
        part(ProbeSet.HOST, HostInfo.class), part(ProbeSet.KERNEL, KernelInfo.class),
        part(ProbeSet.TOPOLOGY, Topology.class), part(ProbeSet.CPU_TIMES, CpuTimesSample.class),
        part(ProbeSet.MOUNT_ACTIVITY, MountCounters.class), part(ProbeSet.MOUNT_TABLE, MountTableSample.class),
        part(ProbeSet.LOCKS, LockSample.class), part(ProbeSet.HOTSPOTS, HotspotSample.class),
        part(ProbeSet.STARTUPS, StartupsSample.class), sysctls(), part(ProbeSet.SELF, SelfSample.class),
        Collections.unmodifiableMap(status), plugins());
  }

  private ProbeStatus collect(ProbeSlot<?> slot, long now) {
    if (deferSlowStarts && slot.slowStart()) {
      return new ProbeStatus(ProbeStatus.STARTING, "starts once the first sample is out", 0, 0);
    }
    return slot.collect(now);
  }

  /** The plugin parts read so far, by plugin name; null when no plugin has a probe. */
  private Map<String, JsonNode> plugins() {
    if (pluginParts.isEmpty()) {
      return null;
    }
    Map<String, JsonNode> out = new LinkedHashMap<>();
    for (String name : pluginParts) {
      Object v = slots.get(name).value();
      if (v != null) {
        out.put(name, (JsonNode) v);
      }
    }
    return Collections.unmodifiableMap(out);
  }

  private <T> T part(String name, Class<T> type) {
    ProbeSlot<?> slot = slots.get(name);
    return slot == null ? null : type.cast(slot.value());
  }

  private List<Sysctl> sysctls() {
    ProbeSlot<?> slot = slots.get(ProbeSet.SYSCTLS);
    if (slot == null || slot.value() == null) {
      return null;
    }
    List<Sysctl> out = new ArrayList<>();
    for (Object o : (List<?>) slot.value()) {
      out.add((Sysctl) o);
    }
    return out;
  }

  @Override
  public void close() {
    slots.values().forEach(ProbeSlot::close);
    pool.shutdownNow();
  }
}
