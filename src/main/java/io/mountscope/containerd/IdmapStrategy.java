package io.mountscope.containerd;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * What a containerd version does to the overlay lower layers of a user-namespaced container, and
 * so how many mount syscalls each such start costs. The version boundaries come from containerd's
 * release notes; docs/containerd.md quotes them.
 */
public enum IdmapStrategy {
  /** containerd 1.x: no idmapped mounts (1.7 chowns a copy of the image per pod; 1.6 ignores userns). */
  NONE("no idmapped mounts (containerd 1.x)"),
  /** 2.0.0-2.0.6 and 2.1.0-2.1.4: every layer idmapped on its own, then unmounted. */
  PER_LAYER("idmaps every layer on its own (before containerd PR #12092)"),
  /** 2.0.7+, 2.1.5+, 2.2.0+: the layers' common parent idmapped once (containerd PR #12092). */
  COMMON_PARENT("idmaps the layers' common parent once (containerd PR #12092)"),
  UNKNOWN("unknown (containerd version not known)");

  private final String description;

  IdmapStrategy(String description) {
    this.description = description;
  }

  public static IdmapStrategy of(Version v) {
    if (v == null) {
      return UNKNOWN;
    }
    if (v.major() < 2) {
      return NONE;
    }
    if (v.major() == 2 && v.minor() == 0) {
      return v.patch() >= 7 ? COMMON_PARENT : PER_LAYER;
    }
    if (v.major() == 2 && v.minor() == 1) {
      return v.patch() >= 5 ? COMMON_PARENT : PER_LAYER;
    }
    return COMMON_PARENT;
  }

  public String description() {
    return description;
  }

  /** "per-layer", "common-parent", "none", "unknown". */
  @JsonValue
  public String json() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** True, false, or null when unknown: whether this containerd pays O(layers) mount syscalls per userns start. */
  public Boolean perLayer() {
    return this == UNKNOWN ? null : this == PER_LAYER;
  }
}
