package io.mountscope.probe.startups;

import com.fasterxml.jackson.databind.JsonNode;
import io.mountscope.model.StartupsSample;
import io.mountscope.util.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The runtime-agnostic fallback: starts seen only in the process table, for nodes where no
 * containerd socket is reachable (CRI-O, Docker's private containerd, permissions). A start is in
 * flight while a runtime create or a runc init waiting for its start is alive; when they are gone,
 * it completed if the container's init now runs (a process in its cgroup, or a "start" was seen);
 * else how it ended is unknown (the process table cannot tell a failed create from a container
 * that ran and was removed between two scans). Image and user namespace come from the bundle's config.json when it says.
 */
final class ProcessStarts {
  /** Annotations runtimes put the image name under. */
  private static final List<String> IMAGE_ANNOTATIONS = List.of("io.kubernetes.cri.image-name",
      "io.kubernetes.cri-o.ImageName", "org.opencontainers.image.ref.name");

  private static final class Tracked {
    String namespace;
    String image;
    Boolean userns;
    String state;
    long startedMillis;
    boolean startSeen;
    boolean bundleRead;
    List<Integer> pids = List.of();
  }

  private final Map<String, Tracked> tracked = new HashMap<>();
  private final Outcomes outcomes;
  private final String namespaceFilter;

  ProcessStarts(Outcomes outcomes, String namespaceFilter) {
    this.outcomes = outcomes;
    this.namespaceFilter = namespaceFilter;
  }

  /** Folds one scan in; returns the starts in flight. */
  List<StartupsSample.Start> update(ProcessTable table, Map<String, RuntimeProcesses.Container> now, long nowMillis,
      MountAttribution mounts) {
    for (RuntimeProcesses.Container c : now.values()) {
      if (namespaceFilter != null && c.namespace() != null && !namespaceFilter.equals(c.namespace())) {
        continue;
      }
      Tracked t = tracked.computeIfAbsent(c.id(), k -> new Tracked());
      t.namespace = t.namespace == null ? c.namespace() : t.namespace;
      t.state = c.state();
      t.startedMillis = t.startedMillis == 0 ? (c.startedMillis() > 0 ? c.startedMillis() : nowMillis)
          : Math.min(t.startedMillis, c.startedMillis() > 0 ? c.startedMillis() : t.startedMillis);
      t.startSeen |= c.startSeen();
      t.pids = new ArrayList<>(c.pids());
      if (!t.bundleRead && c.bundle() != null) {
        t.bundleRead = true;
        readBundle(Path.of(c.bundle(), "config.json"), t);
      }
    }
    for (Iterator<Map.Entry<String, Tracked>> it = tracked.entrySet().iterator(); it.hasNext();) {
      Map.Entry<String, Tracked> e = it.next();
      if (now.containsKey(e.getKey())) {
        continue;
      }
      Tracked t = e.getValue();
      // Only a start or a running container is evidence; a container that ran and was removed
      // between two scans looks just like a failed create, so that counts as unknown.
      if (t.startSeen || containerRuns(table, e.getKey())) {
        outcomes.completed(new StartupsSample.Finished(e.getKey(), t.namespace, t.image, null, Outcomes.COMPLETED,
            nowMillis - t.startedMillis, nowMillis));
      } else {
        outcomes.unknown(1);
      }
      it.remove();
    }
    List<StartupsSample.Start> out = new ArrayList<>();
    tracked.forEach((id, t) -> {
      List<ProcessTable.Proc> procs = t.pids.stream().map(table::get).filter(java.util.Objects::nonNull).toList();
      Long mountSyscalls = mounts.update(key(id), t.startedMillis, procs);
      out.add(new StartupsSample.Start(id, t.namespace, t.image, null, null, t.startedMillis, t.state, t.userns,
          mountSyscalls, List.copyOf(t.pids)));
    });
    return out;
  }

  static String key(String id) {
    return "process-table/" + id;
  }

  /** Keys of the starts in flight, for the attribution's bookkeeping. */
  java.util.Set<String> keys() {
    java.util.Set<String> keys = new java.util.HashSet<>();
    tracked.keySet().forEach(id -> keys.add(key(id)));
    return keys;
  }

  /** Drops what is tracked (containerd is back and tells the story again). */
  void clear() {
    tracked.clear();
  }

  /** A process in the container's cgroup that is no longer a runtime process: the container runs. */
  private static boolean containerRuns(ProcessTable table, String id) {
    for (ProcessTable.Proc p : table.all()) {
      ProcessTable.Proc parent = table.get(p.ppid());
      if (parent != null && RuntimeProcesses.isShim(parent.comm()) && !RuntimeProcesses.isRuncInit(p.comm())
          && !RuntimeProcesses.isRuntime(p.comm())
          && RuntimeProcesses.idFromCgroup(table.cgroupLeaf(p.pid())).equals(id)) {
        return true;
      }
    }
    return false;
  }

  private static void readBundle(Path config, Tracked t) {
    try {
      if (!Files.isReadable(config) || Files.size(config) > (4 << 20)) {
        return;
      }
      JsonNode spec = Json.mapper().readTree(config.toFile());
      JsonNode annotations = spec.path("annotations");
      for (String key : IMAGE_ANNOTATIONS) {
        if (annotations.hasNonNull(key)) {
          t.image = annotations.get(key).asText();
          break;
        }
      }
      t.userns = Specs.usesUserNamespace(spec);
    } catch (Exception e) {
      // an unreadable or odd bundle only leaves image and userns unknown
    }
  }
}
