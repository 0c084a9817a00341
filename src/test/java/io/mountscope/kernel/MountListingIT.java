package io.mountscope.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import io.mountscope.testing.Prerequisites;
import io.mountscope.util.Procfs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** listmount/statmount and affinity against /proc, in a private mount namespace. */
class MountListingIT {
  @Test
  void listmount_sees_exactly_the_mounts_mountinfo_shows_and_statmount_names_a_fresh_tmpfs() throws Exception {
    Prerequisites.root();
    assertThat(MountListing.supported()).as("6.8+ kernel: " + System.getProperty("os.version"))
        .isEqualTo(io.mountscope.probe.HostReader.kernelVersionCode(System.getProperty("os.version")) >= 6008);
    String hostBefore = Files.readString(Path.of("/proc/self/mountinfo"));
    Path dir = Files.createTempDirectory("mountscope-listmount");
    try {
      PrivateMountNamespace.call("listmount-test", () -> {
        Syscalls.mount("none", dir.toString(), "tmpfs", 0, null);
        // this thread's namespace, not the process's: /proc/thread-self
        List<String> info = Procfs.read("/proc/thread-self/mountinfo").orElseThrow().lines().toList();
        long[] ids = MountListing.list();
        assertThat(ids).hasSize(info.size());
        int[] oldIds = Arrays.stream(ids).mapToInt(id -> MountListing.stat(id).oldId()).sorted().toArray();
        int[] mountinfoIds = info.stream().mapToInt(l -> Integer.parseInt(l.split(" ")[0])).sorted().toArray();
        assertThat(oldIds).containsExactly(mountinfoIds);
        MountListing.Mount last = MountListing.stat(ids[ids.length - 1]); // the newest mount has the highest id
        assertThat(last.fsType()).isEqualTo("tmpfs");
        assertThat(last.mountPoint()).isEqualTo(dir.toString());
        assertThat(last.root()).isEqualTo("/");
        return null;
      });
    } finally {
      Files.deleteIfExists(dir);
    }
    assertThat(Files.readString(Path.of("/proc/self/mountinfo"))).isEqualTo(hostBefore);
  }

  @Test
  void affinity_round_trips_through_the_kernel_as_taskset_would_show_it() throws Exception {
    // On a thread of its own, so the pinning ends with it.
    java.util.concurrent.CompletableFuture<Void> done = java.util.concurrent.CompletableFuture.runAsync(() -> {
      BitSet all = Syscalls.affinity(0);
      assertThat(all.cardinality()).isEqualTo(Procfs.read("/proc/thread-self/status").orElseThrow().lines()
          .filter(l -> l.startsWith("Cpus_allowed_list:")).findFirst().map(l -> io.mountscope.util.Fmt.parseCpuList(
              l.substring(l.indexOf(':') + 1)).size()).orElseThrow());
      BitSet one = new BitSet();
      one.set(all.nextSetBit(0));
      Syscalls.setAffinity(0, one);
      assertThat(Syscalls.affinity(0)).isEqualTo(one);
      assertThat(Procfs.read("/proc/thread-self/status").orElseThrow()).contains("Cpus_allowed_list:\t" + one.nextSetBit(0) + "\n");
    }, r -> new Thread(r, "affinity-test").start());
    done.get();
  }
}
