package io.mountscope.image;

import io.mountscope.containerd.Ctr;
import io.mountscope.containerd.CtrException;
import io.mountscope.util.InputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Flattens an image that containerd holds and imports the single-layer copy under a new name in
 * the same namespace: what {@code mountscope images flatten} and the image-layers recipe do. The
 * original is only read; everything that can be refused is refused before the import.
 */
public final class ContainerdFlatten {
  /** What was done, as {@code images flatten --json} prints it. */
  public record Result(String namespace, String source, String sourceDigest, int sourceLayers, long sourceSizeBytes,
      String target, String targetDigest, int targetLayers, long targetSizeBytes, MountCost sourceMountSyscallsPerStart,
      MountCost targetMountSyscallsPerStart) {}

  private ContainerdFlatten() {}

  /** {@code name} in {@code namespace}, or in the one namespace that has it (null: search all). */
  public static ImageRef locate(Ctr ctr, String namespace, String name) {
    List<String> namespaces = namespace != null ? List.of(namespace) : ImageInventory.namespaces(ctr);
    List<ImageRef> found = new ArrayList<>();
    for (String ns : namespaces) {
      ImageInventory.find(ctr, ns, name).ifPresent(found::add);
    }
    if (found.isEmpty()) {
      throw new InputException("no image " + name + " in containerd at " + ctr.address()
          + (namespace != null ? " namespace " + namespace : " (namespaces: " + String.join(", ", namespaces) + ")"));
    }
    if (found.size() > 1) {
      throw new InputException(name + " exists in namespaces "
          + String.join(", ", found.stream().map(ImageRef::namespace).toList()) + ": choose one with --namespace");
    }
    return found.get(0);
  }

  /** "registry/app:1.2" -> "registry/app:1.2-flat"; a digest reference has no default. */
  public static String defaultTarget(String name) {
    if (name.contains("@")) {
      throw new InputException(name + " is a digest reference: name the new image with --tag");
    }
    int slash = name.lastIndexOf('/');
    int colon = name.lastIndexOf(':');
    return colon > slash ? name + "-flat" : name + ":latest-flat";
  }

  /**
   * Flattens {@code source} into {@code target} (null: {@link #defaultTarget}), building the layer
   * in a fresh directory under {@code workBase} that is removed afterwards; {@code snapshotter}
   * null unpacks with containerd's default.
   */
  public static Result run(Ctr ctr, ImageRef source, String target, String snapshotter, Path workBase)
      throws IOException {
    String name = target != null ? target.trim() : defaultTarget(source.name());
    if (name.isEmpty() || name.chars().anyMatch(Character::isWhitespace)) {
      throw new InputException("'" + target + "' is not an image name");
    }
    if (name.equals(source.name())) {
      throw new InputException(name + " is the image itself; flatten never overwrites the original");
    }
    if (ImageInventory.find(ctr, source.namespace(), name).isPresent()) {
      throw new InputException(name + " already exists in namespace " + source.namespace()
          + ": choose another --tag, or remove it first (ctr -n " + source.namespace() + " images rm " + name + ")");
    }
    ContentStore blobs = new ContentStore(ctr, source.namespace());
    ResolvedImage image;
    try {
      image = ResolvedImage.resolve(blobs, source.target(), Platform.current());
    } catch (IOException e) {
      throw new FlattenRefused("cannot flatten " + source.name() + ": " + e.getMessage());
    }
    if (image.layerCount() == 1) {
      throw new InputException(source.name() + " has a single layer already: nothing to flatten");
    }
    Flattener.check(source.name(), image);

    Files.createDirectories(workBase);
    Path work = Files.createTempDirectory(workBase, "flatten-");
    try {
      Flattener.Result r = Flattener.flatten(blobs, image, source.name(), name, work);
      List<String> args = new ArrayList<>(List.of("images", "import"));
      if (snapshotter != null) {
        args.addAll(List.of("--snapshotter", snapshotter));
      }
      args.add(r.archive().toString());
      try {
        ctr.withTimeout(3600).run(source.namespace(), args.toArray(String[]::new));
      } catch (CtrException e) {
        throw new IllegalStateException("importing the flattened image failed: " + e.reason(), e);
      }
      ImageInfo after = ImageInventory.find(ctr, source.namespace(), name)
          .map(i -> ImageInventory.inspect(ctr, i, Integer.MAX_VALUE))
          .orElseThrow(() -> new IllegalStateException("ctr images import did not create " + name));
      if (after.layers() == null || after.layers() != 1) {
        throw new IllegalStateException(name + " was imported with " + after.layers() + " layers, expected 1");
      }
      return new Result(source.namespace(), source.name(), source.target().digest(), image.layerCount(),
          image.storedSize(), name, after.digest(), 1, after.sizeBytes(), MountCost.of(image.layerCount()),
          MountCost.of(1));
    } finally {
      deleteTree(work);
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
