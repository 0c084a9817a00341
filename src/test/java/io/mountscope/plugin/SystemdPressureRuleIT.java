package io.mountscope.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mountscope.model.Model;
import io.mountscope.model.ProbeStatus;
import io.mountscope.model.Sample;
import io.mountscope.model.Severity;
import io.mountscope.model.Verdict;
import io.mountscope.util.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The systemd-pressure plugin's rule, from the built jar, on two Samples as its probe records them
 * on a node whose pid 1 is systemd (this test machine's may not be): it fires when systemd burns
 * CPU while mounts change, and stays quiet when systemd is busy with something else.
 */
class SystemdPressureRuleIT {
  private static final PluginHost HOST = PluginHost.load(List.of(PluginJars.example("systemd-pressure").getParent()));

  @AfterAll
  static void removeDirs() throws java.io.IOException {
    PluginsIT.removeTree(PluginsIT.BASE);
  }

  private static Sample sample(long seconds, long cpuTicks, long mountUnits) {
    JsonNode part = Json.mapper().valueToTree(Map.of("cpuTicks", cpuTicks, "mountUnits", mountUnits,
        "mountinfoReadMillis", 3.5));
    return new Sample(1_700_000_000_000L + seconds * 1000, seconds * 1_000_000_000L, null, null, null, null, null, null,
        null, null, null, null, null, Map.of("systemd-pressure", ProbeStatus.ok(4)), Map.of("systemd-pressure", part));
  }

  private static Model derive(Sample now, Sample before) {
    return HOST.derive(Model.derive(now, before), now, before);
  }

  @Test
  void systemd_at_60_percent_of_a_cpu_while_40_mount_units_a_second_come_is_critical() {
    Model m = derive(sample(2, 1120, 5080), sample(0, 1000, 5000));
    JsonNode part = m.plugins().get("systemd-pressure");
    assertThat(part.get("cpuShare").asDouble()).isEqualTo(0.6);
    assertThat(part.get("mountUnitsPerSecond").asDouble()).isEqualTo(40.0);
    assertThat(part.get("mountUnits").asLong()).isEqualTo(5080);
    List<Verdict> v = HOST.verdicts(m, name -> null);
    assertThat(v).hasSize(1);
    assertThat(v.get(0).id()).isEqualTo("systemd-mount-pressure");
    assertThat(v.get(0).severity()).isEqualTo(Severity.CRITICAL);
    assertThat(v.get(0).title()).isEqualTo("systemd burns 60% of a CPU on mount events");
    assertThat(v.get(0).evidence().get(1)).contains("systemd's mount units change 40.0/s (5080 units)");
  }

  @Test
  void systemd_busy_while_the_mount_table_is_still_is_not_blamed_on_mounts() {
    Model m = derive(sample(2, 1120, 5000), sample(0, 1000, 5000));
    assertThat(HOST.verdicts(m, name -> 0.0)).isEmpty();
    // The same systemd while the node issues 300 mount syscalls a second (in other namespaces): a warning at 30%.
    Model busy = derive(sample(2, 1060, 5000), sample(0, 1000, 5000));
    assertThat(HOST.verdicts(busy, name -> name.equals("mountActivity.totalRate") ? 300.0 : null))
        .extracting(Verdict::severity).containsExactly(Severity.WARNING);
  }

  @Test
  void a_recording_with_the_part_reads_the_same_without_the_plugin() {
    Sample now = sample(2, 1120, 5080);
    Model without = PluginHost.load(List.of()).derive(Model.derive(now, sample(0, 1000, 5000)), now, null);
    assertThat(without.plugins().get("systemd-pressure").get("cpuTicks").asLong()).isEqualTo(1120);
  }
}
