package io.mountscope.probe.mounts;

import io.mountscope.model.MountKind;
import java.util.EnumSet;
import java.util.Set;

/**
 * Says what made a mount from its mountinfo entry alone. First match wins: idmapped (containerd's
 * temporary ovl-idmapped layer dirs apart), overlays (container root filesystems apart), pinned
 * namespaces, kernel pseudo filesystems, binds (a subdirectory or file as root), tmpfs, network
 * and FUSE, block-device filesystems, other.
 */
public final class MountClassifier {
  private static final Set<String> PSEUDO = Set.of("proc", "sysfs", "cgroup", "cgroup2", "devpts", "mqueue",
      "debugfs", "tracefs", "securityfs", "bpf", "pstore", "configfs", "fusectl", "hugetlbfs", "autofs",
      "binfmt_misc", "efivarfs", "selinuxfs", "rpc_pipefs", "devtmpfs", "nfsd", "ramfs", "sockfs", "pipefs",
      "anon_inodefs", "rdt", "resctrl", "cpuset", "kernfs", "smackfs", "apparmorfs");
  private static final Set<String> NETWORK = Set.of("nfs", "nfs4", "cifs", "smb3", "smbfs", "ceph", "glusterfs",
      "9p", "virtiofs", "lustre", "gpfs", "afs", "sshfs", "davfs", "ncpfs");
  private static final Set<String> DISK = Set.of("ext2", "ext3", "ext4", "xfs", "btrfs", "vfat", "msdos", "exfat",
      "f2fs", "jfs", "reiserfs", "zfs", "iso9660", "udf", "squashfs", "erofs", "ntfs", "ntfs3", "bcachefs");

  /** Kinds whose target paths are safe to stat: never network or FUSE, whose stat may hang. */
  private static final Set<MountKind> TARGET_CHECKED = EnumSet.of(MountKind.IDMAPPED_TEMP, MountKind.IDMAPPED,
      MountKind.CONTAINER_ROOTFS, MountKind.OVERLAY, MountKind.BIND, MountKind.NAMESPACE_PIN, MountKind.TMPFS);

  private MountClassifier() {}

  /** Whether a mount of this kind may have its target checked for existence (a leak check). */
  public static boolean targetCheckable(MountKind kind) {
    return TARGET_CHECKED.contains(kind);
  }

  public static MountKind classify(MountEntry e) {
    return classify(e.fsType(), e.root(), e.mountPoint(), e.idmapped(), e.superOptions(), e.source());
  }

  /** The kind from the parts statmount gives as well as mountinfo. */
  public static MountKind classify(String fsType, String root, String mountPoint, boolean idmapped,
      String superOptions, String source) {
    if (idmapped) {
      return isTemporaryIdmapDir(mountPoint) ? MountKind.IDMAPPED_TEMP : MountKind.IDMAPPED;
    }
    if (fsType.equals("overlay") || fsType.equals("fuse.fuse-overlayfs")) {
      return mountPoint.endsWith("/rootfs") || mountPoint.endsWith("/merged") ? MountKind.CONTAINER_ROOTFS
          : MountKind.OVERLAY;
    }
    if (fsType.equals("nsfs")) {
      return MountKind.NAMESPACE_PIN;
    }
    if (PSEUDO.contains(fsType)) {
      return MountKind.PSEUDO;
    }
    if (!root.equals("/") && !isBtrfsSubvolume(fsType, root, superOptions)) {
      return MountKind.BIND;
    }
    if (fsType.equals("tmpfs")) {
      return MountKind.TMPFS;
    }
    if (NETWORK.contains(fsType) || fsType.startsWith("fuse") || fsType.startsWith("nfs")) {
      return MountKind.NETWORK;
    }
    if (DISK.contains(fsType) || source.startsWith("/dev/")) {
      return MountKind.DISK;
    }
    return MountKind.OTHER;
  }

  /** containerd's per-layer idmap dirs: os.MkdirTemp(..., "ovl-idmapped") and the layers under it. */
  static boolean isTemporaryIdmapDir(String mountPoint) {
    return mountPoint.contains("/ovl-idmapped") || mountPoint.contains("/tmpmounts/");
  }

  /** A btrfs subvolume mount shows its subvolume as root; that is not a bind. */
  private static boolean isBtrfsSubvolume(String fsType, String root, String superOptions) {
    return fsType.equals("btrfs") && superOptions.contains("subvol=" + root);
  }
}
