package io.mountscope.recipe.workload;

import io.mountscope.containerd.ContainerdAddress;
import io.mountscope.containerd.Ctr;
import io.mountscope.containerd.CtrException;
import io.mountscope.containerd.IdmapStrategy;
import io.mountscope.containerd.SocketCheck;
import io.mountscope.containerd.Version;
import io.mountscope.image.ImageInfo;
import io.mountscope.image.ImageInventory;
import io.mountscope.util.UnavailableException;
import java.util.List;

/**
 * What the image recipes need from containerd: its version and so its idmap strategy
 * (docs/containerd.md), and the layer counts of the images it holds. When containerd cannot be
 * reached, or holds no image, {@code reason} says why and the recipe falls back to a parameter.
 */
public record ImageFacts(String address, String version, IdmapStrategy strategy, List<ImageInfo> images,
    String reason) {

  public static ImageFacts read(String address, int threshold) {
    String a = ContainerdAddress.resolve(address == null || address.isBlank() ? null : address);
    SocketCheck check = SocketCheck.of(a);
    if (!check.reachable()) {
      return new ImageFacts(a, null, IdmapStrategy.UNKNOWN, List.of(), "containerd not reachable: " + check.reason());
    }
    try {
      Ctr ctr = Ctr.at(a).withTimeout(30);
      Version v = Version.ofCtrVersion(ctr.run(null, "version")).orElse(null);
      List<ImageInfo> images = ImageInventory.all(ctr, null, threshold).stream().filter(i -> i.layers() != null).toList();
      return new ImageFacts(a, v == null ? null : v.text(), IdmapStrategy.of(v), images,
          images.isEmpty() ? "containerd holds no image" : null);
    } catch (CtrException | UnavailableException e) {
      return new ImageFacts(a, null, IdmapStrategy.UNKNOWN, List.of(), "containerd did not answer: " + e.getMessage());
    }
  }

  /** The largest layer count, or 0 without images. */
  public int maxLayers() {
    return images.stream().mapToInt(ImageInfo::layers).max().orElse(0);
  }

  /** The median layer count, or 0 without images. */
  public int medianLayers() {
    List<Integer> l = images.stream().map(ImageInfo::layers).sorted().toList();
    return l.isEmpty() ? 0 : l.get(l.size() / 2);
  }

  /** The stress pattern that does what this containerd does to a user-namespaced start's layers. */
  public String pattern(String fallback) {
    return switch (strategy) {
      case PER_LAYER -> "idmap-per-layer";
      case COMMON_PARENT -> "idmap-common-parent";
      case NONE -> "overlay";
      case UNKNOWN -> fallback;
    };
  }
}
