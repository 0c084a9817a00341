package io.mountscope.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.mountscope.model.HostInfo;
import io.mountscope.model.KernelInfo;
import io.mountscope.model.ProbeStatus;
import io.mountscope.model.Sample;
import io.mountscope.model.SelfSample;
import io.mountscope.util.UnavailableException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SamplerTest {
  @Test
  void a_probe_stuck_in_the_kernel_marks_its_part_stale_instead_of_stalling_the_tick() throws Exception {
    AtomicInteger reads = new AtomicInteger();
    CountDownLatch release = new CountDownLatch(1);
    Probe<HostInfo> slowOnSecondRead = () -> {
      if (reads.incrementAndGet() > 1) {
        release.await(); // like a stat() on a hung NFS mount
      }
      return new HostInfo("node-" + reads.get(), "os", 1);
    };
    ProbeSet set = new ProbeSet().add(new ProbeSpec<>(ProbeSet.HOST, slowOnSecondRead, Duration.ZERO, Duration.ofMillis(100)))
        .add(new ProbeSpec<>(ProbeSet.SELF, SelfReader::now, Duration.ZERO, Duration.ofSeconds(2)));
    try (Sampler sampler = new Sampler(set)) {
      Sample first = sampler.sample();
      assertThat(first.host().name()).isEqualTo("node-1");
      assertThat(first.probes().get(ProbeSet.HOST).state()).isEqualTo(ProbeStatus.OK);

      long start = System.nanoTime();
      Sample second = sampler.sample();
      Sample third = sampler.sample();
      assertThat((System.nanoTime() - start) / 1e9).as("two ticks with a stuck probe").isLessThan(5);
      assertThat(third.host().name()).as("the last value carries on").isEqualTo("node-1");
      ProbeStatus s = third.probes().get(ProbeSet.HOST);
      assertThat(s.state()).isEqualTo(ProbeStatus.STALE);
      assertThat(s.reason()).contains("overran its budget of 100 ms").contains("showing data");
      assertThat(s.ageMillis()).isGreaterThanOrEqualTo(second.probes().get(ProbeSet.HOST).ageMillis());
      assertThat(third.self()).as("other probes go on").isInstanceOf(SelfSample.class);
      assertThat(reads.get()).as("never a second read while one is stuck").isEqualTo(2);

      release.countDown();
      Thread.sleep(100);
      Sample recovered = sampler.sample();
      assertThat(recovered.host().name()).isIn("node-2", "node-3");
      assertThat(recovered.probes().get(ProbeSet.HOST).state()).isEqualTo(ProbeStatus.OK);
    }
  }

  @Test
  void a_slow_start_gets_its_first_budget_and_a_late_read_is_replaced_by_a_fresh_one() throws Exception {
    AtomicInteger reads = new AtomicInteger();
    Probe<HostInfo> slowStart = () -> {
      int n = reads.incrementAndGet();
      Thread.sleep(n == 1 ? 300 : 0); // opening perf events on every CPU
      return new HostInfo("read-" + n, "", 0);
    };
    ProbeSet generous = new ProbeSet().add(new ProbeSpec<>(ProbeSet.HOST, slowStart, Duration.ZERO,
        Duration.ofMillis(50), Duration.ofSeconds(5)));
    try (Sampler sampler = new Sampler(generous)) {
      assertThat(sampler.sample().host().name()).isEqualTo("read-1");
    }
    reads.set(0);
    ProbeSet strict = new ProbeSet().add(new ProbeSpec<>(ProbeSet.HOST, slowStart, Duration.ZERO, Duration.ofMillis(50)));
    try (Sampler sampler = new Sampler(strict)) {
      Sample first = sampler.sample();
      assertThat(first.host()).isNull();
      assertThat(first.probes().get(ProbeSet.HOST).reason()).contains("nothing read yet");
      Thread.sleep(400);
      Sample second = sampler.sample();
      assertThat(second.host().name()).as("a fresh read, not the late one").isEqualTo("read-2");
    }
  }

  @Test
  void the_dashboard_draws_its_first_frame_while_a_slow_start_is_still_starting() throws Exception {
    AtomicInteger reads = new AtomicInteger();
    Probe<HostInfo> slowStart = () -> {
      int n = reads.incrementAndGet();
      Thread.sleep(n == 1 ? 400 : 0); // opening perf events on every CPU
      return new HostInfo("read-" + n, "", 0);
    };
    ProbeSet set = new ProbeSet()
        .add(new ProbeSpec<>(ProbeSet.HOST, slowStart, Duration.ZERO, Duration.ofMillis(50), Duration.ofSeconds(5)))
        .add(new ProbeSpec<>(ProbeSet.SELF, () -> new SelfSample(1, 2, 0, 0), Duration.ZERO, Duration.ofSeconds(2)));
    try (Sampler sampler = new Sampler(set).firstReadsWaitAtMost(Duration.ofMillis(50))) {
      long start = System.nanoTime();
      Sample first = sampler.sample();
      assertThat((System.nanoTime() - start) / 1e6).as("ms to the first sample").isLessThan(350);
      assertThat(first.host()).isNull();
      ProbeStatus s = first.probes().get(ProbeSet.HOST);
      assertThat(s.state()).isEqualTo(ProbeStatus.STARTING);
      assertThat(s.reason()).startsWith("first read in progress for ").endsWith("(its budget is 5000 ms)");
      assertThat(first.self()).as("a quick probe is in the first sample").isNotNull();

      Thread.sleep(500);
      Sample second = sampler.sample();
      assertThat(second.host().name()).as("the next tick reads it as usual").isEqualTo("read-2");
      assertThat(second.probes().get(ProbeSet.HOST).state()).isEqualTo(ProbeStatus.OK);
    }
  }

  @Test
  void a_first_tick_waits_for_quick_probes_only_and_takes_a_slow_start_that_finished_meanwhile() throws Exception {
    Probe<HostInfo> slow = () -> {
      Thread.sleep(600); // kallsyms on a big node
      return new HostInfo("slow", "", 0);
    };
    Probe<KernelInfo> slowButDone = () -> {
      Thread.sleep(20); // a perf_event_open that fails at once
      return new KernelInfo("6.1", "", "x86_64");
    };
    Probe<SelfSample> quick = () -> {
      Thread.sleep(120); // the process table
      return new SelfSample(1, 2, 0, 0);
    };
    ProbeSet set = new ProbeSet()
        .add(new ProbeSpec<>(ProbeSet.HOST, slow, Duration.ZERO, Duration.ofMillis(100), Duration.ofSeconds(3)))
        .add(new ProbeSpec<>(ProbeSet.KERNEL, slowButDone, Duration.ZERO, Duration.ofMillis(100), Duration.ofSeconds(3)))
        .add(new ProbeSpec<>(ProbeSet.SELF, quick, Duration.ZERO, Duration.ofMillis(500)));
    try (Sampler sampler = new Sampler(set).firstReadsWaitAtMost(Duration.ofMillis(300))) {
      long start = System.nanoTime();
      Sample first = sampler.sample();
      double ms = (System.nanoTime() - start) / 1e6;
      assertThat(first.self()).as("the quick probe was waited for").isNotNull();
      assertThat(ms).as("ms to the first sample: the quick probe's 120, not the slow start's 600").isLessThan(450);
      assertThat(first.kernel()).as("a slow starter done while the quick ones were read").isNotNull();
      assertThat(first.host()).isNull();
      assertThat(first.probes().get(ProbeSet.HOST).state()).isEqualTo(ProbeStatus.STARTING);
    }
  }

  @Test
  void deferred_slow_starts_begin_only_when_asked_and_join_the_next_tick() throws Exception {
    AtomicInteger starts = new AtomicInteger();
    Probe<HostInfo> kernelCollector = () -> {
      Thread.sleep(starts.incrementAndGet() == 1 ? 100 : 0); // opening perf events, then reading them
      return new HostInfo("collector", "", 0);
    };
    ProbeSet set = new ProbeSet()
        .add(new ProbeSpec<>(ProbeSet.HOST, kernelCollector, Duration.ZERO, Duration.ofMillis(50), Duration.ofSeconds(3)))
        .add(new ProbeSpec<>(ProbeSet.SELF, () -> new SelfSample(1, 2, 0, 0), Duration.ZERO, Duration.ofSeconds(1)));
    try (Sampler sampler = new Sampler(set).firstReadsWaitAtMost(Duration.ofMillis(100)).deferSlowStarts()) {
      Sample first = sampler.sample();
      assertThat(starts.get()).as("not started by the first tick").isZero();
      assertThat(first.self()).isNotNull();
      assertThat(first.probes().get(ProbeSet.HOST))
          .isEqualTo(new ProbeStatus(ProbeStatus.STARTING, "starts once the first sample is out", 0, 0));
      sampler.startDeferred();
      sampler.startDeferred(); // once is all it does
      Thread.sleep(300);
      assertThat(starts.get()).as("started once").isEqualTo(1);
      Sample second = sampler.sample();
      assertThat(second.host().name()).isEqualTo("collector");
      assertThat(second.probes().get(ProbeSet.HOST).state()).isEqualTo(ProbeStatus.OK);
    }
  }

  @Test
  void an_unavailable_probe_says_why_and_its_part_is_null() {
    Probe<HostInfo> denied = () -> {
      throw new UnavailableException("perf_event_open denied", "run as root or set kernel.perf_event_paranoid<=1");
    };
    ProbeSet set = new ProbeSet().add(new ProbeSpec<>(ProbeSet.HOST, denied, Duration.ZERO, Duration.ofSeconds(1)))
        .absent(ProbeSet.LOCKS, "not built");
    try (Sampler sampler = new Sampler(set)) {
      Sample s = sampler.sample();
      assertThat(s.host()).isNull();
      assertThat(s.probes().get(ProbeSet.HOST).state()).isEqualTo(ProbeStatus.UNAVAILABLE);
      assertThat(s.probes().get(ProbeSet.HOST).reason())
          .isEqualTo("perf_event_open denied: run as root or set kernel.perf_event_paranoid<=1");
      assertThat(s.probes().get(ProbeSet.LOCKS)).isEqualTo(new ProbeStatus(ProbeStatus.OFF, "not built", 0, 0));
      assertThat(s.probes().keySet()).containsSubsequence(Sampler.PARTS);
    }
  }

  @Test
  void each_probe_reads_at_its_own_interval_and_ages_in_between() throws Exception {
    AtomicInteger reads = new AtomicInteger();
    ProbeSet set = new ProbeSet().add(new ProbeSpec<>(ProbeSet.HOST, () -> new HostInfo("n" + reads.incrementAndGet(), "", 0),
        Duration.ofSeconds(60), Duration.ofSeconds(1)));
    try (Sampler sampler = new Sampler(set)) {
      sampler.sample();
      Thread.sleep(50);
      Sample later = sampler.sample();
      assertThat(reads.get()).isEqualTo(1);
      assertThat(later.host().name()).isEqualTo("n1");
      assertThat(later.probes().get(ProbeSet.HOST).state()).isEqualTo(ProbeStatus.OK);
      assertThat(later.probes().get(ProbeSet.HOST).ageMillis()).isGreaterThanOrEqualTo(40);
    }
  }

  @Test
  void the_standard_probes_read_this_node() {
    try (Sampler sampler = new Sampler()) {
      Sample s = sampler.sample();
      assertThat(s.host()).isNotNull();
      assertThat(s.topology()).isNotNull();
      assertThat(s.cpuTimes().busyTicks()).hasSize(Runtime.getRuntime().availableProcessors());
      assertThat(s.mountTable().mounts()).isPositive();
      assertThat(s.sysctls()).extracting(io.mountscope.model.Sysctl::key).contains("fs.mount-max", "kernel.numa_balancing");
      assertThat(s.self().rssBytes()).isPositive();
      for (String part : new String[] {ProbeSet.HOST, ProbeSet.TOPOLOGY, ProbeSet.CPU_TIMES, ProbeSet.MOUNT_TABLE,
          ProbeSet.SYSCTLS, ProbeSet.SELF}) {
        assertThat(s.probes().get(part).state()).as(part + ": " + s.probes().get(part)).isEqualTo(ProbeStatus.OK);
      }
    }
  }
}
