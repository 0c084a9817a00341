package io.mountscope.image;

import io.mountscope.containerd.IdmapStrategy;

/**
 * Mount syscalls containerd issues to prepare the rootfs of one container start of an image with
 * {@code layers} layers on overlayfs: with no user namespace (one overlay mount); with per-layer
 * idmap (per layer open_tree + mount_setattr + move_mount and a final umount, plus the overlay
 * mount: 4L+1); with common-parent idmap (the same three calls and umount once, plus the overlay
 * mount: 5). The runtime's own mounts inside the container (proc, dev, sys...) are the same for
 * every image and are not counted. docs/containerd.md derives these from containerd's code.
 */
public record MountCost(int noUserns, int perLayerIdmap, int commonParentIdmap) {

  public static MountCost of(int layers) {
    int l = Math.max(1, layers);
    return new MountCost(1, 4 * l + 1, 5);
  }

  /** The cost of a user-namespaced start under {@code strategy}; null when unknown. */
  public Integer withUserns(IdmapStrategy strategy) {
    return switch (strategy) {
      case PER_LAYER -> perLayerIdmap;
      case COMMON_PARENT -> commonParentIdmap;
      case NONE -> noUserns;
      case UNKNOWN -> null;
    };
  }
}
