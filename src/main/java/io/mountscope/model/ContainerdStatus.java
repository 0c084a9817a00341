package io.mountscope.model;

/**
 * How mountscope reaches containerd: the address, whether the connection is up, and what this
 * containerd version does to the rootfs of a user-namespaced container ({@code idmap}: "none" for
 * 1.x, "per-layer" for 2.0.0-2.0.6 and 2.1.0-2.1.4, "common-parent" from 2.0.7, 2.1.5 and 2.2.0 on,
 * "unknown" when the version is not known). See docs/containerd.md.
 */
public record ContainerdStatus(
    String address,
    String state,
    String reason,
    long sinceMillis,
    String version,
    String idmap,
    Boolean idmapPerLayer) {
  public static final String CONNECTED = "connected";
  public static final String CONNECTING = "connecting";
  public static final String DOWN = "down";
}
