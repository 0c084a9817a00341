package io.mountscope.probe.mounts;

import static io.mountscope.probe.mounts.MountInfoParserTest.at;
import static io.mountscope.probe.mounts.MountInfoParserTest.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import io.mountscope.model.MountKind;
import java.util.List;
import org.junit.jupiter.api.Test;

class MountClassifierTest {
  @Test
  void each_captured_mount_is_put_down_to_what_made_it() throws Exception {
    List<MountEntry> odd = fixture("odd-fields.mountinfo");
    assertThat(MountClassifier.classify(at(odd, "/rootfs"))).isEqualTo(MountKind.CONTAINER_ROOTFS);
    assertThat(MountClassifier.classify(at(odd, "/etc-hosts"))).isEqualTo(MountKind.BIND);
    assertThat(MountClassifier.classify(at(odd, "/netns-pin"))).isEqualTo(MountKind.NAMESPACE_PIN);
    assertThat(MountClassifier.classify(at(odd, "/with space"))).isEqualTo(MountKind.TMPFS);
    assertThat(MountClassifier.classify(at(odd, "/proc"))).isEqualTo(MountKind.PSEUDO);
    assertThat(MountClassifier.classify(odd.get(0))).as(odd.get(0).toString()).isIn(MountKind.DISK, MountKind.BIND);
    List<MountEntry> idm = fixture("idmapped.mountinfo");
    assertThat(MountClassifier.classify(at(idm, "/ovl-idmapped1234567/0"))).isEqualTo(MountKind.IDMAPPED_TEMP);
    assertThat(MountClassifier.classify(at(idm, "/volumes/idmapped"))).isEqualTo(MountKind.IDMAPPED);
  }

  @Test
  void overlays_elsewhere_network_filesystems_and_btrfs_subvolumes() {
    assertThat(kind("1 0 0:50 / /var/lib/docker/overlay2/abc/merged rw - overlay overlay rw,lowerdir=/a"))
        .isEqualTo(MountKind.CONTAINER_ROOTFS);
    assertThat(kind("1 0 0:50 / /mnt/union rw - overlay overlay rw,lowerdir=/a")).isEqualTo(MountKind.OVERLAY);
    assertThat(kind("1 0 0:51 / /mnt/nfs rw - nfs4 srv:/export rw")).isEqualTo(MountKind.NETWORK);
    assertThat(kind("1 0 0:52 / /mnt/ssh rw - fuse.sshfs u@h:/ rw")).isEqualTo(MountKind.NETWORK);
    assertThat(kind("1 0 0:53 /@home /home rw - btrfs /dev/sda2 rw,subvol=/@home")).isEqualTo(MountKind.DISK);
    assertThat(kind("1 0 0:53 /data/x /srv/x rw - btrfs /dev/sda2 rw,subvol=/@")).isEqualTo(MountKind.BIND);
    assertThat(kind("1 0 0:54 / /sys/fs/cgroup rw - cgroup2 cgroup2 rw")).isEqualTo(MountKind.PSEUDO);
  }

  private static MountKind kind(String line) {
    return MountClassifier.classify(MountInfoParser.parseLine(line));
  }
}
