package io.mountscope.probe.startups;

import com.fasterxml.jackson.databind.JsonNode;
import io.mountscope.containerd.Ctr;
import io.mountscope.containerd.CtrEvent;
import io.mountscope.image.ImageInventory;
import io.mountscope.image.ImageRef;
import io.mountscope.util.Json;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Looks up what events do not carry, one ctr call at a time on its own thread so neither the
 * event stream nor a sample ever waits: a container's snapshotter, user namespace and creation
 * time ({@code ctr containers info}), and its image's layer count (the image manifest, cached per
 * image until an /images/ event says it changed).
 */
final class Enricher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Enricher.class);
  private static final long NEGATIVE_CACHE_MILLIS = 30_000;

  private final Ctr ctr;
  private final StartTracker tracker;
  private final LinkedBlockingQueue<StartTracker.Start> queue = new LinkedBlockingQueue<>();
  private final Map<String, Integer> layersByImage = new ConcurrentHashMap<>();
  private final Map<String, Long> unknownImages = new ConcurrentHashMap<>();
  private final Thread thread;
  private volatile boolean closed;
  private final AtomicInteger pending = new AtomicInteger();

  Enricher(Ctr ctr, StartTracker tracker) {
    this.ctr = ctr.withTimeout(10);
    this.tracker = tracker;
    this.thread = new Thread(this::run, "startups-enricher");
    thread.setDaemon(true);
    thread.start();
  }

  void request(StartTracker.Start s) {
    pending.incrementAndGet();
    queue.add(s);
  }

  /** Nothing queued and nothing being looked up. */
  boolean idle() {
    return pending.get() == 0;
  }

  /** An /images/ event: the name may point at different content now. */
  void imageChanged(CtrEvent e) {
    String name = e.text("name");
    if (name != null) {
      layersByImage.remove(e.namespace() + "/" + name);
      unknownImages.remove(e.namespace() + "/" + name);
    }
  }

  private void run() {
    while (!closed) {
      try {
        StartTracker.Start s = queue.poll(1, TimeUnit.SECONDS);
        if (s != null) {
          try {
            if (tracker.isInFlight(s.key())) {
              enrich(s);
            }
          } finally {
            pending.decrementAndGet();
          }
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        LOG.debug("enriching a start failed", e);
      }
    }
  }

  private void enrich(StartTracker.Start s) {
    JsonNode info = null;
    try {
      info = Json.mapper().readTree(ctr.run(s.namespace, "containers", "info", s.id));
    } catch (Exception e) {
      LOG.debug("ctr containers info {} {}: {}", s.namespace, s.id, e.getMessage());
    }
    String image = info == null ? null : info.path("Image").asText(null);
    if (info != null) {
      JsonNode container = info;
      tracker.update(s.key(), t -> {
        t.snapshotter = container.path("Snapshotter").asText(null);
        if (t.image == null) {
          t.image = container.path("Image").asText(null);
        }
        if (t.userns == null || !t.userns) {
          t.userns = Specs.usesUserNamespace(container.path("Spec"));
        }
        if (!t.startTimeKnown) {
          createdAt(container).ifPresent(ms -> t.startedMillis = ms);
          t.startTimeKnown = true;
        }
      });
    }
    String name = image != null && !image.isEmpty() ? image : s.image;
    if (name != null && !name.isEmpty()) {
      Integer layers = layers(s.namespace, name);
      if (layers != null) {
        tracker.update(s.key(), t -> {
          if (!t.layersFromRootfs) {
            t.layers = layers;
          }
        });
      }
    }
  }

  private Integer layers(String namespace, String image) {
    String key = namespace + "/" + image;
    Integer cached = layersByImage.get(key);
    if (cached != null) {
      return cached;
    }
    Long failedAt = unknownImages.get(key);
    if (failedAt != null && System.currentTimeMillis() - failedAt < NEGATIVE_CACHE_MILLIS) {
      return null;
    }
    try {
      Optional<ImageRef> ref = ImageInventory.find(ctr, namespace, image);
      Integer layers = ref.map(r -> ImageInventory.inspect(ctr, r, Integer.MAX_VALUE).layers()).orElse(null);
      if (layers != null) {
        layersByImage.put(key, layers);
      } else {
        unknownImages.put(key, System.currentTimeMillis());
      }
      return layers;
    } catch (RuntimeException e) {
      unknownImages.put(key, System.currentTimeMillis());
      LOG.debug("layers of {} unknown: {}", key, e.getMessage());
      return null;
    }
  }

  private static Optional<Long> createdAt(JsonNode info) {
    try {
      return Optional.of(Instant.parse(info.path("CreatedAt").asText()).toEpochMilli());
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  @Override
  public void close() {
    closed = true;
    thread.interrupt();
  }
}
