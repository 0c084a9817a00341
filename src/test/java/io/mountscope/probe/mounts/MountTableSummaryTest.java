package io.mountscope.probe.mounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import org.junit.jupiter.api.Test;

class MountTableSummaryTest {
  @Test
  void the_captured_tables_sum_up_by_kind_type_propagation_and_place() throws Exception {
    MountTableSummary s = new MountTableSummary();
    for (String f : new String[] {"odd-fields.mountinfo", "idmapped.mountinfo"}) {
      try (InputStream in = getClass().getResourceAsStream("/mountinfo/" + f)) {
        MountInfoParser.parse(in, f, s);
      }
    }
    assertThat(s.mounts()).isEqualTo(56);
    assertThat(s.byKind()).containsEntry("idmapped-temp", 2L).containsEntry("idmapped", 1L)
        .containsEntry("container-rootfs", 1L).containsEntry("namespace-pin", 1L);
    assertThat(s.byKind().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(56);
    assertThat(s.byFsType()).containsEntry("overlay", 1L).containsEntry("nsfs", 1L);
    assertThat(s.byFsType().keySet().iterator().next()).as("most common type first").isEqualTo("tmpfs");
    assertThat(s.propagation()).containsEntry("shared", 1L).containsEntry("slave", 1L).containsEntry("unbindable", 1L);
    assertThat(s.idmappedTempCount()).isEqualTo(2);
    assertThat(s.idmappedTempExamples()).allMatch(e -> e.mountPoint().contains("/ovl-idmapped"));
    assertThat(s.longestOptions()).isGreaterThan(3000);
  }

  @Test
  void ids_in_mount_points_are_wildcarded_so_mounts_group_by_what_made_them() {
    assertThat(MountPattern.of("/run/containerd/io.containerd.runtime.v2.task/k8s.io/"
        + "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef/rootfs", 7))
        .isEqualTo("/run/containerd/io.containerd.runtime.v2.task/k8s.io/*/rootfs");
    assertThat(MountPattern.of("/tmp/ovl-idmapped1234567/12", 7)).isEqualTo("/tmp/ovl-idmapped*/*");
    assertThat(MountPattern.of("/var/lib/kubelet/pods/5f3c2b1a-0000-4000-8000-000000000001/volumes/kubernetes.io~projected/kube-api-access-x7k2p", 7))
        .isEqualTo("/var/lib/kubelet/pods/*/volumes/kubernetes.io~projected/...");
    assertThat(MountPattern.of("/run/netns/cni-5f3c2b1a-0000-4000-8000-000000000001", 7)).isEqualTo("/run/netns/cni-*");
    assertThat(MountPattern.of("/var/lib/containerd/io.containerd.snapshotter.v1.overlayfs/snapshots/4711/fs", 7))
        .isEqualTo("/var/lib/containerd/io.containerd.snapshotter.v1.overlayfs/snapshots/*/fs");
    assertThat(MountPattern.of("/dev/pts/0", 7)).isEqualTo("/dev/pts/*");
    assertThat(MountPattern.of("/sys/fs/cgroup/cpu,cpuacct", 7)).isEqualTo("/sys/fs/cgroup/cpu,cpuacct");
    assertThat(MountPattern.of("/", 7)).isEqualTo("/");
    assertThat(MountPattern.of("/a/b/c/d", 2)).isEqualTo("/a/b/...");
  }
}
