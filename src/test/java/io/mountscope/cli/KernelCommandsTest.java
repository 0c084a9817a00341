package io.mountscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mountscope.model.HotspotSample;
import io.mountscope.model.LockTable.Row;
import io.mountscope.testing.Fixtures;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The locks and hotspots commands' output, against what perf prints. */
class KernelCommandsTest {
  @Test
  void the_locks_table_has_perf_lock_contentions_layout_to_the_character() throws Exception {
    List<String> perf = Files.readAllLines(Fixtures.path("kernel/perf-lock-contention-6.1.txt"));
    List<Row> rows = List.of(
        new Row("namespace_unlock+0x289", "mutex", 28809, 313_740_000, 1_130_000, 10_890),
        new Row("delayed_free_vfsmnt+0x24", "spinlock", 3671, 3_130_000, 8_290, 851));
    List<String> ours = LocksCommand.table(rows).lines().toList();
    assertThat(ours).containsExactlyElementsOf(perf.subList(0, 4));
  }

  @Test
  void wait_times_carry_perfs_units() {
    assertThat(LocksCommand.time(851)).isEqualTo("851 ns");
    assertThat(LocksCommand.time(1_280)).isEqualTo("1.28 us");
    assertThat(LocksCommand.time(848_390)).isEqualTo("848.39 us");
    assertThat(LocksCommand.time(313_740_000)).isEqualTo("313.74 ms");
    assertThat(LocksCommand.time(2_500_000_000L)).isEqualTo("2.50 s");
  }

  @Test
  void rows_sort_by_the_key_perf_names() {
    List<Row> rows = List.of(new Row("a", "mutex", 1, 100, 100, 100), new Row("b", "spinlock", 5, 50, 20, 10));
    assertThat(LocksCommand.sorted(rows, LocksCommand.Key.wait_total)).extracting(Row::caller).containsExactly("a", "b");
    assertThat(LocksCommand.sorted(rows, LocksCommand.Key.contended)).extracting(Row::caller).containsExactly("b", "a");
  }

  @Test
  void hotspots_rank_self_by_leaf_and_total_once_per_stack() {
    HotspotSample s = new HotspotSample(10,
        Map.of(0, Map.of("pv_native_safe_halt", 6L, "_raw_spin_lock", 2L), 1, Map.of("_raw_spin_lock", 1L, "[user]", 1L)),
        Map.of("do_idle;default_idle;pv_native_safe_halt", 6L, "do_syscall_64;namespace_unlock;_raw_spin_lock", 2L,
            "do_syscall_64;clone_mnt;_raw_spin_lock", 1L, "[user]", 1L),
        0);
    List<HotspotsCommand.Row> rows = HotspotsCommand.rank(s);
    assertThat(rows.get(0)).isEqualTo(new HotspotsCommand.Row("pv_native_safe_halt", 6, 0.6, 6, 0.6));
    assertThat(rows.get(1)).isEqualTo(new HotspotsCommand.Row("_raw_spin_lock", 3, 0.3, 3, 0.3));
    assertThat(rows).filteredOn(r -> r.symbol().equals("do_syscall_64")).singleElement()
        .isEqualTo(new HotspotsCommand.Row("do_syscall_64", 0, 0.0, 3, 0.3));
  }
}
