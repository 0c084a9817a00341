package io.mountscope.model;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * What made a mount, as far as its mountinfo line tells: the keys of {@code mountTable.byKind}.
 * The classification rules are in {@code probe.MountClassifier}.
 */
public enum MountKind {
  /** A layer containerd idmapped into a temporary directory (ovl-idmapped) for an overlay. */
  IDMAPPED_TEMP,
  /** Any other idmapped mount. */
  IDMAPPED,
  /** An overlay that is a container's root filesystem (.../rootfs, .../merged). */
  CONTAINER_ROOTFS,
  /** Any other overlay. */
  OVERLAY,
  /** A bind mount of a file or subdirectory (mountinfo root is not "/"). */
  BIND,
  /** A pinned namespace (nsfs), e.g. /run/netns/cni-... */
  NAMESPACE_PIN,
  /** tmpfs (including container /dev/shm and secrets). */
  TMPFS,
  /** Kernel pseudo filesystems: proc, sysfs, cgroup, devpts, mqueue, tracefs, ... */
  PSEUDO,
  /** A block-device filesystem mounted at its root (ext4, xfs, btrfs, ...). */
  DISK,
  /** Network and FUSE filesystems. */
  NETWORK,
  /** Anything else. */
  OTHER;

  /** The JSON name: lower case with dashes, e.g. "idmapped-temp". */
  @JsonValue
  public String json() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
