package io.mountscope.probe.perf;

import static org.assertj.core.api.Assertions.assertThat;

import io.mountscope.model.MountCounters;
import io.mountscope.testing.KernelExclusive;
import io.mountscope.testing.MountStorm;
import io.mountscope.testing.Perf;
import io.mountscope.testing.Prerequisites;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Exact counters against the storm's own count and against perf stat -a over the same storm. */
class MountCountersIT {
  private static long sum(MountCounters c, String kind) {
    return Arrays.stream(c.perCpu().get(kind)).sum();
  }

  @Test
  @SuppressWarnings("try") // KernelExclusive is held, not used
  void every_mount_syscall_of_a_storm_is_counted_exactly_as_perf_stat_counts_it_and_attributed_to_its_process()
      throws Exception {
    Prerequisites.root();
    String hostMounts = Files.readString(Path.of("/proc/self/mountinfo"));
    Path csv = Files.createTempFile("mountscope-perf-stat", ".csv");
    List<String> args = new ArrayList<>(List.of("stat", "-a", "-x", ",", "-o", csv.toString()));
    for (String k : MountSyscallCounters.KINDS) {
      args.addAll(List.of("-e", "syscalls:sys_enter_" + k));
    }
    args.add("--");
    args.addAll(MountStorm.command("mixed", 2, 150));
    try (KernelExclusive quiet = KernelExclusive.acquire();
        MountSyscallCounters counters = MountSyscallCounters.start(true);
        Perf.Staged perf = Perf.staged(args.toArray(String[]::new))) {
      MountCounters before = counters.read();
      perf.go();
      MountStorm.Report storm = MountStorm.report(perf.finish(120).out());
      MountCounters after = counters.read();

      Map<String, Long> perfCounts = new HashMap<>();
      for (String line : Files.readAllLines(csv)) {
        String[] f = line.split(",");
        if (f.length > 2 && f[2].startsWith("syscalls:sys_enter_")) {
          perfCounts.put(f[2].substring("syscalls:sys_enter_".length()), Long.parseLong(f[0]));
        }
      }
      String others = "processes seen: " + after.processes();
      assertThat(storm.counts().get("mount")).as("the storm bind-mounted").isGreaterThan(300);
      for (String kind : MountSyscallCounters.KINDS) {
        long ours = sum(after, kind) - sum(before, kind);
        assertThat(ours).as("%s: ours vs the storm's own count (%s)", kind, others).isEqualTo(storm.counts().get(kind));
        assertThat(ours).as("%s: ours vs perf stat -a", kind).isEqualTo(perfCounts.get(kind));
      }
      assertThat(after.processes()).as("attribution").anySatisfy(p -> {
        assertThat((long) p.pid()).isEqualTo(storm.pid());
        assertThat(p.comm()).isEqualTo("java");
        assertThat(p.count()).isEqualTo(storm.total());
      });
      assertThat(after.lostRecords()).isZero();
    } finally {
      Files.deleteIfExists(csv);
    }
    assertThat(Files.readString(Path.of("/proc/self/mountinfo"))).as("host mount table unchanged").isEqualTo(hostMounts);
  }
}
