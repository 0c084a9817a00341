package io.mountscope.image;

import io.mountscope.containerd.Ctr;
import io.mountscope.containerd.CtrException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The images containerd holds, read through ctr: namespaces, references, manifests. This is the
 * API the image recipes and the image gate reuse: {@link #list}, {@link #find}, {@link #inspect}.
 */
public final class ImageInventory {
  /** "REF TYPE DIGEST SIZE PLATFORMS LABELS": the size has a space in it, so only the first three columns are split. */
  private static final Pattern ROW = Pattern.compile("^(\\S+)\\s+(\\S+)\\s+(\\S+:[0-9a-f]{32,})\\s");

  private ImageInventory() {}

  /** containerd's namespaces (k8s.io, moby, default, ...). */
  public static List<String> namespaces(Ctr ctr) {
    return ctr.run(null, "namespaces", "list", "--quiet").lines().map(String::strip).filter(s -> !s.isEmpty())
        .toList();
  }

  /** The images of one namespace. */
  public static List<ImageRef> list(Ctr ctr, String namespace) {
    return parseList(namespace, ctr.run(namespace, "images", "list"));
  }

  /** The image named {@code name} in {@code namespace}, if there is one. */
  public static Optional<ImageRef> find(Ctr ctr, String namespace, String name) {
    return parseList(namespace, ctr.run(namespace, "images", "list", "name==" + name)).stream()
        .filter(r -> r.name().equals(name)).findFirst();
  }

  /** Parses the table {@code ctr images list} prints. */
  static List<ImageRef> parseList(String namespace, String table) {
    List<ImageRef> refs = new ArrayList<>();
    for (String line : table.split("\n")) {
      Matcher m = ROW.matcher(line);
      if (m.find() && !m.group(1).equals("REF")) {
        refs.add(new ImageRef(namespace, m.group(1), new Descriptor(m.group(2), m.group(3), 0)));
      }
    }
    return refs;
  }

  /** Layers, size and mount costs of {@code ref} for this node's platform; never throws for a broken image. */
  public static ImageInfo inspect(Ctr ctr, ImageRef ref, int layerThreshold) {
    try {
      ResolvedImage r = ResolvedImage.resolve(new ContentStore(ctr, ref.namespace()), ref.target(), Platform.current());
      int layers = r.layerCount();
      return new ImageInfo(ref.namespace(), ref.name(), ref.target().digest(), r.platform().toString(), layers,
          r.storedSize(), MountCost.of(layers), layers > layerThreshold, null);
    } catch (IOException | CtrException e) {
      return new ImageInfo(ref.namespace(), ref.name(), ref.target().digest(), null, null, null, null, false,
          e instanceof CtrException ce ? ce.reason() : e.getMessage());
    }
  }

  /**
   * Every image of {@code namespace} (or of all namespaces when null), inspected four at a time:
   * each costs a ctr call or two of ~15 ms, and a node may hold hundreds.
   */
  public static List<ImageInfo> all(Ctr ctr, String namespace, int layerThreshold) {
    List<ImageRef> refs = new ArrayList<>();
    for (String ns : namespace == null ? namespaces(ctr) : List.of(namespace)) {
      refs.addAll(list(ctr, ns));
    }
    ExecutorService pool = Executors.newFixedThreadPool(4, r -> {
      Thread t = new Thread(r, "image-inspect");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<ImageInfo>> futures = new ArrayList<>();
      for (ImageRef ref : refs) {
        futures.add(pool.submit(() -> inspect(ctr, ref, layerThreshold)));
      }
      List<ImageInfo> out = new ArrayList<>();
      for (Future<ImageInfo> f : futures) {
        out.add(f.get());
      }
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading images", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("reading an image failed", e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }
}
