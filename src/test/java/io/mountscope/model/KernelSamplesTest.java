package io.mountscope.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.mountscope.util.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The kernel collectors' raw parts survive a recording round trip and feed the model's JSON. */
class KernelSamplesTest {
  private static Sample sample() {
    Map<String, long[]> perCpu = new LinkedHashMap<>();
    perCpu.put("mount", new long[] {3, 4});
    perCpu.put("umount", new long[] {1, 1});
    MountCounters counters = new MountCounters(perCpu, List.of(new MountCounters.ProcessCount(42, "containerd", 9)), 2);
    LockSample locks = new LockSample(List.of(new LockTable.Row("namespace_unlock+0x289", "mutex", 3, 30_000, 20_000, 10_000)), 1);
    HotspotSample hot = new HotspotSample(4, Map.of(0, Map.of("pv_native_safe_halt", 3L), 1, Map.of("[user]", 1L)),
        Map.of("do_idle;pv_native_safe_halt", 3L, "[user]", 1L), 0);
    return new Sample(1_700_000_000_000L, 5, null, null, null, null, counters, null, locks, hot, null, null, null, Map.of());
  }

  @Test
  void a_recorded_sample_with_counters_locks_and_hotspots_reads_back_the_same() throws Exception {
    String json = Json.line(sample());
    Sample back = Json.mapper().readValue(json, Sample.class);
    assertThat(Json.line(back)).isEqualTo(json);
    assertThat(back.mountCounters().lostRecords()).isEqualTo(2);
  }

  @Test
  void the_model_sums_counters_over_cpus_and_carries_the_lock_rows() throws Exception {
    var tree = Json.mapper().readTree(Json.line(Model.derive(sample(), null)));
    assertThat(tree.at("/mountActivity/counters/mount").asLong()).isEqualTo(7);
    assertThat(tree.at("/mountActivity/counters/umount").asLong()).isEqualTo(2);
    assertThat(tree.at("/locks/rows/0/caller").asText()).isEqualTo("namespace_unlock+0x289");
    assertThat(tree.at("/locks/rows/0/avgWaitNanos").asLong()).isEqualTo(10_000);
  }

  @Test
  void the_two_argument_counters_of_earlier_code_mean_nothing_lost() {
    assertThat(new MountCounters(Map.of(), List.of()).lostRecords()).isZero();
  }
}
