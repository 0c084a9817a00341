package io.mountscope.probe.startups;

import com.fasterxml.jackson.databind.JsonNode;
import io.mountscope.containerd.CtrEvent;
import io.mountscope.model.StartupsSample;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Container starts as containerd's events tell them: in flight from /containers/create (or
 * /tasks/create for a container made earlier) until /tasks/start, which completes it, or until
 * the task or container is deleted first, which fails it. Thread-safe: events arrive on the
 * watcher's thread, details from the enricher's, samples are taken on the caller's.
 */
final class StartTracker {
  static final String CREATING = "creating";
  static final String CREATED = "created";

  /** What is known about one start; fields fill in as events and lookups arrive. */
  static final class Start {
    final String namespace;
    final String id;
    String image;
    Integer layers;
    boolean layersFromRootfs;
    String snapshotter;
    long startedMillis;
    boolean startTimeKnown;
    String state;
    Boolean userns;
    long generation;

    Start(String namespace, String id) {
      this.namespace = namespace;
      this.id = id;
    }

    String key() {
      return StartTracker.key(namespace, id);
    }
  }

  private final Map<String, Start> inFlight = new HashMap<>();
  private final Outcomes outcomes;
  private final String namespaceFilter;
  private final Consumer<Start> onNew;
  private final Consumer<CtrEvent> onImageChange;
  private long generation;

  /**
   * {@code onNew} is told about each new start (to look up its details off this thread);
   * {@code onImageChange} about /images/ events (to drop cached layer counts).
   */
  StartTracker(Outcomes outcomes, String namespaceFilter, Consumer<Start> onNew, Consumer<CtrEvent> onImageChange) {
    this.outcomes = outcomes;
    this.namespaceFilter = namespaceFilter;
    this.onNew = onNew;
    this.onImageChange = onImageChange;
  }

  static String key(String namespace, String id) {
    return namespace + "/" + id;
  }

  void apply(CtrEvent e) {
    if (namespaceFilter != null && !namespaceFilter.equals(e.namespace())) {
      return;
    }
    JsonNode p = e.payload();
    switch (e.topic()) {
      case "/containers/create" -> {
        Start s = begin(e.namespace(), e.text("id"), e.timeMillis(), CREATING, e.text("image"));
        if (s != null) {
          onNew.accept(s);
        }
      }
      case "/tasks/create" -> taskCreated(e, p);
      case "/tasks/start" -> finish(e.namespace(), e.text("container_id"), e.timeMillis(), true);
      case "/tasks/exit" -> {
        // only the init process's exit (id == container_id) ends a start that never got going
        if (e.text("container_id") != null && e.text("container_id").equals(e.text("id"))) {
          finish(e.namespace(), e.text("container_id"), e.timeMillis(), false);
        }
      }
      case "/tasks/delete" -> finish(e.namespace(), e.text("container_id"), e.timeMillis(), false);
      case "/containers/delete" -> finish(e.namespace(), e.text("id"), e.timeMillis(), false);
      default -> {
        if (e.topic().startsWith("/images/")) {
          onImageChange.accept(e);
        }
      }
    }
  }

  private void taskCreated(CtrEvent e, JsonNode p) {
    String id = e.text("container_id");
    Start s;
    boolean fresh;
    synchronized (this) {
      s = inFlight.get(key(e.namespace(), id));
      fresh = s == null;
    }
    if (fresh) {
      // a container created before we watched (or re-run after its task was deleted)
      s = begin(e.namespace(), id, e.timeMillis(), CREATED, null);
      if (s == null) {
        return;
      }
    }
    synchronized (this) {
      s.state = CREATED;
      JsonNode rootfs = p.path("rootfs");
      Integer layers = Specs.overlayLayers(rootfs);
      if (layers != null) {
        s.layers = layers;
        s.layersFromRootfs = true;
      }
      if (Specs.idmappedRootfs(rootfs)) {
        s.userns = true;
      }
      s.generation = generation;
    }
    if (fresh) {
      onNew.accept(s);
    }
  }

  /** A new start, or null if it is already tracked. */
  private synchronized Start begin(String namespace, String id, long timeMillis, String state, String image) {
    if (id == null || inFlight.containsKey(key(namespace, id))) {
      return null;
    }
    Start s = new Start(namespace, id);
    s.startedMillis = timeMillis;
    s.startTimeKnown = true;
    s.state = state;
    s.image = image;
    s.generation = generation;
    inFlight.put(s.key(), s);
    return s;
  }

  private void finish(String namespace, String id, long timeMillis, boolean started) {
    Start s;
    synchronized (this) {
      s = id == null ? null : inFlight.remove(key(namespace, id));
    }
    if (s == null) {
      return;
    }
    StartupsSample.Finished f = new StartupsSample.Finished(s.id, s.namespace, s.image, s.layers,
        started ? Outcomes.COMPLETED : Outcomes.FAILED, Math.max(0, timeMillis - s.startedMillis), timeMillis);
    if (started) {
      outcomes.completed(f);
    } else {
      outcomes.failed(f);
    }
  }

  /** A new connection begins: starts seen from now on belong to it. */
  synchronized void newGeneration() {
    generation++;
  }

  /**
   * After a (re)connect: adds the starts containerd or the process table says are in flight,
   * keeps those events already re-announced, and drops (as unknown) those from before that are gone.
   */
  List<Start> reconcile(List<Start> found) {
    List<Start> added = new ArrayList<>();
    int unknown = 0;
    synchronized (this) {
      Set<String> foundKeys = new java.util.HashSet<>();
      for (Start f : found) {
        if (namespaceFilter != null && !namespaceFilter.equals(f.namespace)) {
          continue;
        }
        foundKeys.add(f.key());
        Start s = inFlight.get(f.key());
        if (s == null) {
          f.generation = generation;
          inFlight.put(f.key(), f);
          added.add(f);
        } else {
          s.generation = generation;
          if (CREATED.equals(f.state)) {
            s.state = CREATED;
          }
        }
      }
      for (Iterator<Start> it = inFlight.values().iterator(); it.hasNext();) {
        Start s = it.next();
        if (s.generation < generation && !foundKeys.contains(s.key())) {
          it.remove();
          unknown++;
        }
      }
    }
    if (unknown > 0) {
      outcomes.unknown(unknown);
    }
    added.forEach(onNew);
    return added;
  }

  /** Fills in what a lookup found, if the start is still in flight. */
  synchronized void update(String key, Consumer<Start> change) {
    Start s = inFlight.get(key);
    if (s != null) {
      change.accept(s);
    }
  }

  synchronized boolean isInFlight(String key) {
    return inFlight.containsKey(key);
  }

  /** Copies of the starts in flight (mountSyscalls and pids are added by the probe). */
  synchronized List<StartupsSample.Start> snapshot() {
    List<StartupsSample.Start> out = new ArrayList<>();
    for (Start s : inFlight.values()) {
      out.add(new StartupsSample.Start(s.id, s.namespace, s.image, s.layers, s.snapshotter, s.startedMillis, s.state,
          s.userns, null, List.of()));
    }
    return out;
  }
}
