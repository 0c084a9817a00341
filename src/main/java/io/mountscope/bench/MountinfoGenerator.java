package io.mountscope.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Writes a synthetic mountinfo of a sick container node, for the benchmark: a host part, then per
 * pod a container rootfs overlay over its image's layers (long lowerdir options), containerd's
 * idmapped temporary layer mounts, the usual binds (hosts, resolv.conf, termination log, service
 * account), /dev/shm and a pinned network namespace. Deterministic for a given line count.
 */
final class MountinfoGenerator {
  static final int LAYERS = 50;
  private static final String TASKS = "/run/containerd/io.containerd.runtime.v2.task/k8s.io/";
  private static final String SNAPSHOTS = "/var/lib/containerd/io.containerd.snapshotter.v1.overlayfs/snapshots/";

  private MountinfoGenerator() {}

  /** Writes exactly {@code lines} mounts to {@code file}. */
  static void write(Path file, int lines) throws IOException {
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      int id = 21;
      int written = 0;
      String[] host = {
          "%d 1 254:1 / / rw,relatime shared:1 - ext4 /dev/vda1 rw,discard",
          "%d 21 0:21 / /proc rw,nosuid,nodev,noexec,relatime shared:12 - proc proc rw",
          "%d 21 0:22 / /sys rw,nosuid,nodev,noexec,relatime shared:2 - sysfs sysfs rw",
          "%d 21 0:5 / /dev rw,nosuid,relatime shared:8 - devtmpfs udev rw,size=65872148k,nr_inodes=16468037,mode=755",
          "%d 21 0:25 / /run rw,nosuid,nodev,noexec,relatime shared:5 - tmpfs tmpfs rw,size=13179028k,mode=755",
          "%d 22 0:26 / /sys/fs/cgroup rw,nosuid,nodev,noexec,relatime shared:9 - cgroup2 cgroup2 rw,nsdelegate,memory_recursiveprot",
          "%d 21 254:2 / /var/lib/containerd rw,relatime shared:30 - xfs /dev/vdb rw,attr2,inode64,logbufs=8,logbsize=32k,prjquota",
          "%d 21 254:3 / /var/lib/kubelet rw,relatime shared:31 - xfs /dev/vdc rw,attr2,inode64,logbufs=8,logbsize=32k,noquota"};
      for (String h : host) {
        if (written == lines) {
          return;
        }
        w.write(String.format(Locale.US, h, id++));
        w.newLine();
        written++;
      }
      for (int pod = 0; written < lines; pod++) {
        String cid = String.format(Locale.US, "%064x", 0x9e3779b97f4a7c15L * (pod + 1));
        String uid = String.format(Locale.US, "%08x-%04x-4%03x-8%03x-%012x", pod * 2654435761L & 0xffffffffL,
            pod & 0xffff, pod & 0xfff, (pod * 7) & 0xfff, pod * 40503L);
        StringBuilder lower = new StringBuilder();
        for (int l = 0; l < LAYERS; l++) {
          lower.append(l == 0 ? "" : ":").append(SNAPSHOTS).append(100_000 + pod * LAYERS + l).append("/fs");
        }
        String[] podLines = new String[LAYERS + 8];
        int n = 0;
        podLines[n++] = String.format(Locale.US, "%%d 25 0:%d / %s%s/rootfs rw,relatime shared:%d master:5 - overlay overlay "
            + "rw,lowerdir=%s,upperdir=%s%d/fs,workdir=%s%d/work,uuid=on", 1000 + pod, TASKS, cid, 1000 + pod, lower,
            SNAPSHOTS, 900_000 + pod, SNAPSHOTS, 900_000 + pod);
        for (int l = 0; l < LAYERS; l++) {
          podLines[n++] = String.format(Locale.US, "%%d 21 254:2 /io.containerd.snapshotter.v1.overlayfs/snapshots/%d/fs "
              + "/tmp/ovl-idmapped%d/%d ro,relatime,idmapped - xfs /dev/vdb rw,attr2,inode64,logbufs=8,logbsize=32k,prjquota",
              100_000 + pod * LAYERS + l, 3_000_000 + pod, l);
        }
        String pods = "/var/lib/kubelet/pods/" + uid;
        podLines[n++] = "%d 25 0:" + (5000 + pod) + " / /run/containerd/io.containerd.grpc.v1.cri/sandboxes/" + cid
            + "/shm rw,nosuid,nodev,noexec,relatime shared:" + (5000 + pod) + " - tmpfs shm rw,size=65536k";
        podLines[n++] = "%d 25 0:4 net:[" + (4026532000L + pod) + "] /run/netns/cni-" + uid
            + " rw shared:" + (6000 + pod) + " - nsfs nsfs rw";
        podLines[n++] = "%d 31 0:" + (7000 + pod) + " / " + pods
            + "/volumes/kubernetes.io~projected/kube-api-access-" + Integer.toString(pod, 36)
            + " rw,relatime shared:" + (7000 + pod) + " - tmpfs tmpfs rw,size=262144k";
        podLines[n++] = "%d 31 254:3 " + pods.substring("/var/lib/kubelet".length()) + "/etc-hosts " + pods
            + "/containers/app/etc-hosts rw,relatime shared:31 - xfs /dev/vdc rw,attr2,inode64,noquota";
        podLines[n++] = "%d 31 254:3 " + pods.substring("/var/lib/kubelet".length()) + "/containers/app/termination\\040log "
            + pods + "/containers/app/dev-termination-log rw,relatime shared:31 - xfs /dev/vdc rw,attr2,inode64,noquota";
        podLines[n++] = "%d 25 254:2 /io.containerd.grpc.v1.cri/sandboxes/" + cid + "/resolv.conf " + TASKS + cid
            + "/rootfs/etc/resolv.conf rw,relatime - xfs /dev/vdb rw,attr2,inode64,prjquota";
        podLines[n++] = "%d 25 254:2 /io.containerd.grpc.v1.cri/sandboxes/" + cid + "/hostname " + TASKS + cid
            + "/rootfs/etc/hostname rw,relatime - xfs /dev/vdb rw,attr2,inode64,prjquota";
        for (int i = 0; i < n && written < lines; i++) {
          w.write(String.format(Locale.US, podLines[i], id++));
          w.newLine();
          written++;
        }
      }
    }
  }
}
