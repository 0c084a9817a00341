package io.mountscope.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.mountscope.model.Model;
import io.mountscope.model.MountActivity;
import io.mountscope.model.MountTable;
import io.mountscope.model.SelfCost;
import io.mountscope.model.Severity;
import io.mountscope.model.Verdict;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.AttributedString;
import org.junit.jupiter.api.Test;

/** The live line: the worst verdict and the total mount rate, and n/a for what is not measured. */
class StatusLineTest {
  private static Model model(List<Verdict> verdicts, MountActivity activity, MountTable table, SelfCost self) {
    return new Model("2025-01-01T00:00:00Z", null, null, null, null, activity, table, null, null, null, null,
        verdicts, self, Map.of());
  }

  @Test
  void the_most_severe_verdict_and_the_sum_of_mount_rates_lead_the_line() {
    Map<String, Double> rates = new LinkedHashMap<>();
    rates.put("mount", 12000.0);
    rates.put("umount", 12000.0);
    rates.put("open_tree", 24213.0);
    Model m = model(List.of(
            new Verdict("numa-exposure", Severity.WARNING, "2 NUMA nodes and SMT on", List.of(), Map.of(), List.of()),
            new Verdict("mount-lock-contention", Severity.CRITICAL, "mount-lock contention: 61% of CPU in namespace_sem",
                List.of(), Map.of(), List.of("idmap-strategy"))),
        new MountActivity(Map.of(), rates, 48213, List.of(), List.of()),
        new MountTable(12345, 3.5, 35.25, 1 << 20, "mountinfo", Map.of(), Map.of(), 1, List.of(), List.of(), 0),
        new SelfCost(0.004, 1 << 26, 0, 0, 0, 0));
    assertThat(StatusLine.parts(m)).containsExactly(
        "CRITICAL mount-lock contention: 61% of CPU in namespace_sem",
        "mount syscalls 48,213/s",
        "mounts 12,345, mountinfo 35.3 ms",
        "self 0.4% cpu");
  }

  @Test
  void what_the_probes_do_not_deliver_is_n_a_never_zero() {
    assertThat(StatusLine.parts(model(List.of(), null, null, null)))
        .containsExactly("no verdict", "mount syscalls n/a", "mounts n/a", "self n/a");
  }

  @Test
  void the_bar_keeps_two_help_lines_above_the_live_line_and_drops_them_on_small_screens() throws Exception {
    Terminal t = TerminalBuilder.builder().type("xterm-256color").streams(new ByteArrayInputStream(new byte[0]),
        new ByteArrayOutputStream()).size(new Size(100, 30)).build();
    StatusBar bar = new StatusBar(t, true);
    assertThat(bar.supported()).isTrue();
    bar.live(StatusLine.render(model(List.of(), null, null, null), true));
    List<String> idle = bar.lines(30, 100).stream().map(AttributedString::toString).toList();
    assertThat(idle).hasSize(3);
    assertThat(idle.get(1)).startsWith("Tab completes");
    assertThat(idle.get(2)).startsWith(" no verdict  ·  mount syscalls n/a").hasSize(100);
    bar.help(List.of(new AttributedString("snapshot [-hV] [--json] [--window=SECONDS]"), new AttributedString("")));
    assertThat(bar.lines(30, 100).get(0).toString()).isEqualTo("snapshot [-hV] [--json] [--window=SECONDS]");
    assertThat(bar.lines(8, 40)).hasSize(1);
    assertThat(bar.lines(8, 40).get(0).columnLength()).isEqualTo(40);
  }
}
