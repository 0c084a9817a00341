package io.mountscope.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.mountscope.diagnose.Diagnosis;
import io.mountscope.model.LockTable;
import io.mountscope.model.Model;
import io.mountscope.testing.SampleFixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The two text formats, byte for byte where they differ, and the values a Model becomes. */
class ExpositionTest {
  private static final List<MetricFamily> FAMILIES = List.of(
      MetricFamily.counter("mountscope_lock_wait_seconds", "seconds", "Wait \"time\"\\n").add(1.5, "family", "mount-lock")
          .build(),
      MetricFamily.gauge("mountscope_info", null, "info").add(1, "host", "a\"b\\c\nd").build());

  @Test
  void openmetrics_names_a_counter_family_without_total_and_ends_with_eof() {
    assertThat(Exposition.openMetrics(FAMILIES)).isEqualTo("""
        # TYPE mountscope_lock_wait_seconds counter
        # UNIT mountscope_lock_wait_seconds seconds
        # HELP mountscope_lock_wait_seconds Wait \\"time\\"\\\\n
        mountscope_lock_wait_seconds_total{family="mount-lock"} 1.5
        # TYPE mountscope_info gauge
        # HELP mountscope_info info
        mountscope_info{host="a\\"b\\\\c\\nd"} 1
        # EOF
        """);
  }

  @Test
  void the_prometheus_text_format_names_a_counter_with_its_total_and_has_no_units() {
    assertThat(Exposition.text(FAMILIES)).isEqualTo("""
        # HELP mountscope_lock_wait_seconds_total Wait "time"\\\\n
        # TYPE mountscope_lock_wait_seconds_total counter
        mountscope_lock_wait_seconds_total{family="mount-lock"} 1.5
        # HELP mountscope_info info
        # TYPE mountscope_info gauge
        mountscope_info{host="a\\"b\\\\c\\nd"} 1
        """);
  }

  @Test
  void values_print_exactly_as_the_double_they_are() {
    assertThat(Exposition.number(3)).isEqualTo("3");
    assertThat(Exposition.number(0.1 + 0.2)).isEqualTo("0.30000000000000004");
    assertThat(Double.parseDouble(Exposition.number(1.795710671098E9))).isEqualTo(1.795710671098E9);
    assertThat(Exposition.number(1e-7)).isEqualTo("1.0E-7");
    assertThat(Exposition.number(Double.POSITIVE_INFINITY)).isEqualTo("+Inf");
    assertThat(Exposition.number(Double.NaN)).isEqualTo("NaN");
  }

  @Test
  void prometheus_gets_openmetrics_and_curl_gets_text() {
    assertThat(Exposition.wantsOpenMetrics("application/openmetrics-text;version=1.0.0,application/openmetrics-text;"
        + "version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1")).isTrue();
    assertThat(Exposition.wantsOpenMetrics("*/*")).isFalse();
    assertThat(Exposition.wantsOpenMetrics(null)).isFalse();
  }

  @Test
  void lock_rows_fall_into_the_mount_lock_family_or_their_lock_type() {
    assertThat(ModelMetrics.lockFamily(new LockTable.Row("namespace_unlock+0x4a", "rwsem:W", 1, 1, 1, 1))).isEqualTo("mount-lock");
    assertThat(ModelMetrics.lockFamily(new LockTable.Row("attach_recursive_mnt+0x2d1", "spinlock", 1, 1, 1, 1)))
        .isEqualTo("spinlock");
    assertThat(ModelMetrics.lockFamily(new LockTable.Row("do_mount_setattr", "rwsem:R", 1, 1, 1, 1))).isEqualTo("rwsem");
  }

  @Test
  void a_storm_model_becomes_the_numbers_an_operator_reads_on_the_dashboard() {
    Model m = Diagnosis.derive(SampleFixtures.full(9), SampleFixtures.full(8));
    String text = Exposition.text(ModelMetrics.of(m, "0.1.0"));
    assertThat(text).contains("mountscope_mount_table_mounts " + (2_400 + 12 * 9) + "\n",
        "mountscope_mount_table_read_seconds 0.045000123\n",
        "mountscope_mount_syscalls_total{kind=\"open_tree\"} " + (50 * 9 + 49 * 9) + "\n",
        "mountscope_lock_contended_total{family=\"mount-lock\"} " + 40 * 9 + "\n",
        "mountscope_lock_contended_total{family=\"spinlock\"} 90\n",
        "mountscope_starts_in_flight{state=\"creating\"} 1\n",
        "mountscope_start_latency_seconds{quantile=\"0.99\"} 5\n",
        "mountscope_start_latency_seconds_count 9\n",
        "mountscope_self_resident_memory_bytes 71000000\n",
        "mountscope_probe_up{probe=\"locks\"} 0\n",
        "mountscope_probe_stale{probe=\"hotspots\"} 1\n",
        "mountscope_sysctl{key=\"fs.mount-max\"} 100000\n",
        "mountscope_contention_risk{level=\"medium\"} 1\n", // two sockets, SMT off, too few CPUs for the mesh to count
        "mountscope_verdicts{severity=\"critical\"} 0\n");
    // A node with no probes running has only what it knows.
    String bare = Exposition.text(ModelMetrics.of(Model.derive(SampleFixtures.empty(1), null), "0.1.0"));
    assertThat(bare).contains("mountscope_probe_up{probe=\"host\"} 0").doesNotContain("mountscope_mount_table_mounts");
  }
}
