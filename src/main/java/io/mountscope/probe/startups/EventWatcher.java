package io.mountscope.probe.startups;

import io.mountscope.containerd.ContainerdAddress;
import io.mountscope.containerd.Ctr;
import io.mountscope.containerd.CtrEvent;
import io.mountscope.containerd.CtrException;
import io.mountscope.containerd.IdmapStrategy;
import io.mountscope.containerd.SocketCheck;
import io.mountscope.containerd.Version;
import io.mountscope.model.ContainerdStatus;
import io.mountscope.util.UnavailableException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps {@code ctr events} running against one containerd and feeds its lines to the tracker.
 * On every (re)connect it asks containerd (and the process table) which starts are already in
 * flight. A missing socket, a refused or denied connection, ctr itself missing, the stream
 * ending: each becomes the "down" state with its reason, and the watcher retries with backoff.
 */
final class EventWatcher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EventWatcher.class);

  private final String address;
  private final String namespaceFilter;
  private final StartTracker tracker;
  private final Backoff backoff = new Backoff(250, 5000);
  private final CountDownLatch firstContact = new CountDownLatch(1);
  private final Thread thread;
  private volatile ContainerdStatus status;
  private volatile Process events;
  private volatile boolean closed;
  private volatile Ctr ctr;

  EventWatcher(String address, String namespaceFilter, StartTracker tracker) {
    this.address = ContainerdAddress.path(address);
    this.namespaceFilter = namespaceFilter;
    this.tracker = tracker;
    this.status = new ContainerdStatus(this.address, ContainerdStatus.CONNECTING, null, System.currentTimeMillis(),
        null, IdmapStrategy.UNKNOWN.json(), null);
    this.thread = new Thread(this::loop, "startups-events");
    thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  ContainerdStatus status() {
    return status;
  }

  /** The ctr client once it is found; null before, or if ctr is missing. */
  Ctr ctr() {
    return ctr;
  }

  /** Waits until the first connection attempt has either connected (and caught up) or failed. */
  boolean awaitFirstContact(long millis) throws InterruptedException {
    return firstContact.await(millis, TimeUnit.MILLISECONDS);
  }

  private void loop() {
    while (!closed) {
      try {
        connectAndStream();
      } catch (RuntimeException e) {
        LOG.warn("containerd event watcher: {}", e.toString(), e);
        down("watcher error: " + e.getMessage());
      }
      firstContact.countDown();
      if (closed) {
        return;
      }
      try {
        Thread.sleep(backoff.next());
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private void connectAndStream() {
    SocketCheck check = SocketCheck.of(address);
    if (!check.reachable()) {
      down(check.reason());
      return;
    }
    if (ctr == null) {
      try {
        ctr = Ctr.at(address).withTimeout(10);
      } catch (UnavailableException e) {
        down(e.oneLine());
        return;
      }
    }
    Version version;
    try {
      version = Version.ofCtrVersion(ctr.run(null, "version")).orElse(null);
    } catch (CtrException e) {
      down("ctr version failed: " + e.reason());
      return;
    }
    tracker.newGeneration();
    Process p = ctr.startStreaming(null, "events");
    events = p;
    CompletableFuture<String> stderr = Ctr.drain(p.getErrorStream());
    try {
      bootstrap();
      IdmapStrategy idmap = IdmapStrategy.of(version);
      status = new ContainerdStatus(address, ContainerdStatus.CONNECTED, null, System.currentTimeMillis(),
          version == null ? null : version.text(), idmap.json(), idmap.perLayer());
      backoff.reset();
      firstContact.countDown();
      LOG.info("watching containerd {} at {}", version, address);
      try (BufferedReader lines = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = lines.readLine()) != null) {
          CtrEvent.parse(line).ifPresent(tracker::apply);
        }
      } catch (IOException e) {
        // the stream broke: the exit code and stderr below say why
      }
      waitQuietly(p);
      if (!closed) {
        String why = firstLine(stderr);
        SocketCheck after = SocketCheck.of(address);
        down(after.reachable() ? "event stream ended: " + why : after.reason());
      }
    } finally {
      p.destroy();
      events = null;
    }
  }

  /**
   * Which starts are already in flight: the runtime creates in progress and the inits waiting for
   * their start, from the process table. Not "ctr tasks list": it asks every shim for its state,
   * and a shim busy creating a container answers only when the create is done, so on a node with
   * stuck starts it hangs exactly when it is needed.
   */
  private void bootstrap() {
    List<StartTracker.Start> found = new ArrayList<>();
    long now = System.currentTimeMillis();
    ProcessTable table = ProcessTable.scan();
    for (Map.Entry<String, RuntimeProcesses.Container> e : RuntimeProcesses.read(table).entrySet()) {
      RuntimeProcesses.Container c = e.getValue();
      if (c.namespace() != null && servedByThisContainerd(table, c)) {
        found.add(bootstrapped(c.namespace(), c.id(), c.state(), c.startedMillis() > 0 ? c.startedMillis() : now));
      }
    }
    tracker.reconcile(found);
  }

  /** Only runtime processes whose shim talks to this containerd (several may share /run/containerd/runc). */
  private boolean servedByThisContainerd(ProcessTable table, RuntimeProcesses.Container c) {
    for (int pid : c.pids()) {
      ProcessTable.Proc p = table.get(pid);
      if (p != null && p.comm().startsWith("containerd-shim")) {
        List<String> args = table.args(pid);
        int i = args.indexOf("-address");
        return i >= 0 && i + 1 < args.size() && ContainerdAddress.path(args.get(i + 1)).equals(address);
      }
    }
    return false;
  }

  private static StartTracker.Start bootstrapped(String ns, String id, String state, long startedMillis) {
    StartTracker.Start s = new StartTracker.Start(ns, id);
    s.state = state;
    s.startedMillis = startedMillis;
    s.startTimeKnown = false;
    return s;
  }

  private void down(String reason) {
    ContainerdStatus was = status;
    long since = ContainerdStatus.DOWN.equals(was.state()) ? was.sinceMillis() : System.currentTimeMillis();
    status = new ContainerdStatus(address, ContainerdStatus.DOWN, reason, since, was.version(), was.idmap(),
        was.idmapPerLayer());
    if (!ContainerdStatus.DOWN.equals(was.state()) || !reason.equals(was.reason())) {
      LOG.info("containerd at {} is down: {}", address, reason);
    }
  }

  private static void waitQuietly(Process p) {
    try {
      p.waitFor(3, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The first line ctr printed on stderr, for the "down" reason. */
  private static String firstLine(CompletableFuture<String> stderr) {
    try {
      return CtrException.firstLine(stderr.get(2, TimeUnit.SECONDS));
    } catch (Exception e) {
      return "ctr events exited";
    }
  }

  @Override
  public void close() {
    closed = true;
    Process p = events;
    if (p != null) {
      p.destroy();
    }
    thread.interrupt();
  }
}
