package io.mountscope.probe.startups;

import io.mountscope.containerd.ContainerdAddress;
import io.mountscope.containerd.Ctr;
import io.mountscope.model.ContainerdStatus;
import io.mountscope.model.MountCounters;
import io.mountscope.model.StartupsSample;
import io.mountscope.util.InputException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The container startups probe: every start in flight on the node, from containerd's event
 * stream when its socket answers, from the process table (runc and crun) when it does not.
 * {@link #sample} never blocks on containerd: events, reconnects and lookups run on the probe's
 * own threads, and a sample copies what they have gathered.
 */
public final class StartupsProbe implements AutoCloseable {
  /** Default age after which a start counts as stuck (warning). */
  public static final long DEFAULT_WARNING_MILLIS = 10_000;
  /** Default age after which a stuck start is critical. */
  public static final long DEFAULT_CRITICAL_MILLIS = 30_000;

  /**
   * Where to watch and what counts as stuck. {@code address} null: CONTAINERD_ADDRESS or the first
   * well-known socket; {@code namespace} null: all namespaces.
   */
  public record Settings(String address, String namespace, long warningMillis, long criticalMillis) {
    public Settings {
      if (warningMillis <= 0 || criticalMillis < warningMillis) {
        throw new InputException("stuck thresholds must be positive and warning <= critical, got warning "
            + warningMillis / 1000.0 + " s, critical " + criticalMillis / 1000.0 + " s");
      }
    }

    /**
     * Defaults, with MOUNTSCOPE_STARTUP_WARNING_SECONDS and MOUNTSCOPE_STARTUP_CRITICAL_SECONDS
     * overriding the thresholds (the dashboard and snapshot have no options for them).
     */
    public static Settings fromEnvironment() {
      return new Settings(null, null, seconds("MOUNTSCOPE_STARTUP_WARNING_SECONDS", DEFAULT_WARNING_MILLIS),
          seconds("MOUNTSCOPE_STARTUP_CRITICAL_SECONDS", DEFAULT_CRITICAL_MILLIS));
    }

    private static long seconds(String env, long fallback) {
      String v = System.getenv(env);
      if (v == null || v.isBlank()) {
        return fallback;
      }
      try {
        return Math.round(Double.parseDouble(v.trim()) * 1000);
      } catch (NumberFormatException e) {
        throw new InputException(env + " must be a number of seconds, got '" + v + "'");
      }
    }
  }

  private final Settings settings;
  private final Outcomes outcomes = new Outcomes();
  private final StartTracker tracker;
  private final EventWatcher watcher;
  private final ProcessStarts fallback;
  private final MountAttribution mounts = new MountAttribution();
  private final ProcessTable.Scanner processes = new ProcessTable.Scanner(java.nio.file.Path.of("/proc"));
  private final Thread shutdownHook;
  private volatile Enricher enricher;

  private StartupsProbe(Settings settings) {
    this.settings = settings;
    String address = ContainerdAddress.resolve(settings.address());
    this.tracker = new StartTracker(outcomes, settings.namespace(), this::enrich, e -> {
      Enricher en = enricher;
      if (en != null) {
        en.imageChanged(e);
      }
    });
    this.watcher = new EventWatcher(address, settings.namespace(), tracker);
    this.fallback = new ProcessStarts(outcomes, settings.namespace());
    // A JVM that exits must not leave "ctr events" behind.
    this.shutdownHook = new Thread(this::stop, "startups-shutdown");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /** Starts watching; the first sample may come before containerd has answered. */
  public static StartupsProbe start(Settings settings) {
    StartupsProbe p = new StartupsProbe(settings);
    p.watcher.start();
    return p;
  }

  /** Waits (at most {@code millis}) until containerd has answered or been found unreachable. */
  public void awaitFirstContact(long millis) throws InterruptedException {
    watcher.awaitFirstContact(millis);
  }

  /**
   * Waits (at most {@code millis} in all) for the first contact and then for the lookups it
   * triggered (image, layers, snapshotter of the starts already in flight): for one-shot output.
   */
  public void awaitSettled(long millis) throws InterruptedException {
    long deadline = System.currentTimeMillis() + millis;
    watcher.awaitFirstContact(millis);
    while (System.currentTimeMillis() < deadline) {
      Enricher en = enricher;
      if (en == null || en.idle()) {
        return;
      }
      Thread.sleep(20);
    }
  }

  public ContainerdStatus containerd() {
    return watcher.status();
  }

  private void enrich(StartTracker.Start s) {
    Enricher en = enricher;
    if (en == null) {
      Ctr ctr = watcher.ctr();
      if (ctr == null) {
        return;
      }
      synchronized (this) {
        if (enricher == null) {
          enricher = new Enricher(ctr, tracker);
        }
        en = enricher;
      }
    }
    en.request(s);
  }

  /**
   * The starts in flight now, with mount syscalls attributed from {@code counters} (the mount
   * activity probe's per-process counts; null when that probe is off).
   */
  public synchronized StartupsSample sample(MountCounters counters) {
    long now = System.currentTimeMillis();
    mounts.observe(counters, now);
    ContainerdStatus status = watcher.status();
    boolean connected = ContainerdStatus.CONNECTED.equals(status.state());
    List<StartupsSample.Start> flights = new ArrayList<>();
    Set<String> keys = new HashSet<>();
    if (connected) {
      fallback.clear();
      List<StartupsSample.Start> tracked = tracker.snapshot();
      if (!tracked.isEmpty()) {
        ProcessTable table = processes.next(now);
        Map<String, RuntimeProcesses.Container> running = RuntimeProcesses.read(table);
        for (StartupsSample.Start s : tracked) {
          String key = StartTracker.key(s.namespace(), s.id());
          keys.add(key);
          List<Integer> pids = RuntimeProcesses.pidsOf(table, running, s.id());
          List<ProcessTable.Proc> procs = pids.stream().map(table::get).filter(java.util.Objects::nonNull).toList();
          flights.add(new StartupsSample.Start(s.id(), s.namespace(), s.image(), s.layers(), s.snapshotter(),
              s.startedMillis(), s.state(), s.userns(), mounts.update(key, s.startedMillis(), procs),
              pids.stream().sorted().collect(Collectors.toList())));
        }
      }
    } else {
      ProcessTable table = processes.next(now);
      flights.addAll(fallback.update(table, RuntimeProcesses.read(table), now, mounts));
      keys.addAll(fallback.keys());
    }
    mounts.retain(keys);
    return new StartupsSample(connected ? StartupsSample.SOURCE_CONTAINERD : StartupsSample.SOURCE_PROCESS_TABLE,
        status, List.copyOf(flights), outcomes.completedCount(), outcomes.failedCount(), outcomes.unknownCount(),
        outcomes.latency(), outcomes.recent(), settings.warningMillis(), settings.criticalMillis());
  }

  private void stop() {
    watcher.close();
    Enricher en = enricher;
    if (en != null) {
      en.close();
    }
  }

  @Override
  public void close() {
    stop();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running or has run: nothing left to undo
    }
  }
}
