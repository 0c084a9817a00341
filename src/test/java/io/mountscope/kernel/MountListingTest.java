package io.mountscope.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.jna.Memory;
import io.mountscope.probe.mounts.MountEntry;
import io.mountscope.probe.mounts.MountInfoParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** listmount and statmount against /proc/self/mountinfo, on this kernel (6.18 has both). */
class MountListingTest {
  private static List<MountEntry> mountinfo(String path) throws Exception {
    List<MountEntry> out = new ArrayList<>();
    byte[] b = Files.readAllBytes(Path.of(path));
    MountInfoParser.parse(b, b.length, path, out::add);
    return out;
  }

  @Test
  void this_kernel_has_listmount_and_it_counts_what_mountinfo_lists() throws Exception {
    assertThat(MountListing.supported()).as("kernel 6.8+ has listmount").isTrue();
    long before = SelfAccounting.mountSyscalls();
    long[] ids = MountListing.list(0);
    assertThat(ids.length).isEqualTo(mountinfo("/proc/self/mountinfo").size());
    assertThat(SelfAccounting.mountSyscalls()).as("each call is accounted").isGreaterThan(before);
    assertThat(ids).doesNotHaveDuplicates();
    assertThat(java.util.Arrays.stream(ids).allMatch(id -> id > Integer.MAX_VALUE)).as("64-bit unique ids").isTrue();
  }

  @Test
  void statmount_describes_each_mount_as_mountinfo_does() throws Exception {
    List<MountEntry> expected = mountinfo("/proc/self/mountinfo");
    Memory buf = MountListing.buffer();
    for (long id : MountListing.list(0)) {
      Optional<MountListing.Mount> m = MountListing.stat(id, buf);
      assertThat(m).isPresent();
      MountEntry e = expected.stream().filter(x -> x.id() == m.get().oldId()).findFirst().orElseThrow();
      assertThat(m.get().mountPoint()).isEqualTo(e.mountPoint());
      assertThat(m.get().fsType()).isEqualTo(e.fsType());
      assertThat(m.get().root()).isEqualTo(e.root());
      assertThat(m.get().devMajor()).isEqualTo(e.major());
      assertThat(m.get().idmapped()).isEqualTo(e.idmapped());
    }
  }

  @Test
  void a_private_namespace_with_an_idmapped_layer_is_seen_by_namespace_id() throws Exception {
    Path dir = Files.createTempDirectory("mountscope-listmount");
    try {
      long[] counts = PrivateMountNamespace.call("listmount-test", () -> {
        Path layer = Files.createDirectories(dir.resolve("layer"));
        Path target = Files.createDirectories(dir.resolve("ovl-idmapped42/0"));
        try (UserNamespace ns = UserNamespace.create(100000, 65536)) {
          int fd = MountApi.openTree(layer.toString(), MountApi.OPEN_TREE_CLONE | MountApi.OPEN_TREE_CLOEXEC);
          MountApi.idmap(fd, ns.fd(), true);
          MountApi.moveMount(fd, target.toString());
          Syscalls.close(fd);
        }
        int nsFd = Syscalls.open("/proc/thread-self/ns/mnt", Syscalls.O_RDONLY);
        try {
          long nsId = MountListing.namespaceId(nsFd);
          Memory buf = MountListing.buffer();
          long idmapped = 0;
          for (long id : MountListing.list(0)) {
            if (MountListing.stat(id, buf).map(MountListing.Mount::idmapped).orElse(false)) {
              idmapped++;
            }
          }
          return new long[] {MountListing.count(nsId), mountinfo("/proc/thread-self/mountinfo").size(), idmapped};
        } finally {
          Syscalls.close(nsFd);
        }
      });
      assertThat(counts[0]).as("listmount by namespace id").isEqualTo(counts[1]);
      assertThat(counts[2]).as("MOUNT_ATTR_IDMAP seen by statmount").isEqualTo(1);
      assertThat(MountListing.count(0)).as("the host side is unchanged").isEqualTo(mountinfo("/proc/self/mountinfo").size());
    } finally {
      Files.walk(dir).sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
