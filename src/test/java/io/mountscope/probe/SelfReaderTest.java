package io.mountscope.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.mountscope.model.SelfSample;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SelfReaderTest {
  @Test
  void its_own_cpu_and_memory_agree_with_what_the_jdk_and_proc_status_say() throws Exception {
    long spin = System.nanoTime() + 200_000_000L;
    long x = 0;
    while (System.nanoTime() < spin) {
      x += System.nanoTime() % 7; // burn some CPU so the counters have something to agree on
    }
    long jdkBefore = ProcessHandle.current().info().totalCpuDuration().orElseThrow().toNanos();
    SelfSample s = SelfReader.now();
    long jdkAfter = ProcessHandle.current().info().totalCpuDuration().orElseThrow().toNanos();
    assertThat(x).isPositive();
    // Both come in USER_HZ ticks (10 ms); allow for two ticks of rounding on either side.
    assertThat(s.cpuNanos()).isBetween(jdkBefore - 20_000_000L, jdkAfter + 20_000_000L);

    long vmRssKb = Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmRSS:"))
        .map(l -> Long.parseLong(l.replaceAll("[^0-9]", ""))).findFirst().orElseThrow();
    assertThat((double) s.rssBytes()).isBetween(vmRssKb * 1024 * 0.9, vmRssKb * 1024 * 1.1);
  }
}
