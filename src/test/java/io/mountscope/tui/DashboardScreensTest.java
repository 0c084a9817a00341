package io.mountscope.tui;

import static io.mountscope.tui.ExpectedScreens.assertScreen;
import static org.assertj.core.api.Assertions.assertThat;

import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.input.KeyType;
import io.mountscope.model.HostInfo;
import io.mountscope.model.KernelInfo;
import io.mountscope.model.Model;
import io.mountscope.model.ProbeStatus;
import io.mountscope.model.Severity;
import io.mountscope.model.Verdict;
import io.mountscope.tui.panel.Panel;
import io.mountscope.tui.panel.PanelId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Panels rendered from a recorded storm, without a terminal, against expected screens. */
class DashboardScreensTest {
  private static final List<Model> STORM = Models.derive(StormRecording.samples(70));

  private static List<Model> stormWithVerdicts() {
    List<Model> out = new ArrayList<>(STORM);
    Model last = out.remove(out.size() - 1);
    out.add(Models.withVerdicts(last, List.of(
        new Verdict("stuck-starts", Severity.WARNING, "12 container starts in flight, 5 older than 30 s",
            List.of("oldest start 1m28s: registry.local/app/web:2.0, 52 layers, user namespace"),
            Map.of("startups.oldestMillis", 88_000.0), List.of("concurrency-knee")),
        new Verdict("mount-lock-contention", Severity.CRITICAL,
            "mount-lock contention: 52% of sampled CPU spinning in mount lock paths",
            List.of("2,400 mount syscalls/s from containerd", "lock_mount waited 5.2 s in the last minute",
                "2 NUMA nodes, SMT on"), Map.of("hotspots.lockSpinShare", 0.52), List.of("idmap-strategy", "concurrency-knee")))));
    return out;
  }

  /** Two probes that did not deliver, in a stable order. */
  private static Map<String, ProbeStatus> probes() {
    Map<String, ProbeStatus> p = new LinkedHashMap<>();
    p.put("topology", new ProbeStatus(ProbeStatus.UNAVAILABLE, "sysfs not mounted", 0));
    p.put("locks", new ProbeStatus(ProbeStatus.UNAVAILABLE, "perf_event_open denied: run as root", 0));
    return p;
  }

  @Test
  void storm_at_80x24_shows_every_panel_with_the_storm_numbers() throws Exception {
    String screen = ScreenHarness.of(80, 24, true, stormWithVerdicts()).feedAll().text();
    for (PanelId id : Panel.all().stream().map(Panel::id).toList()) { // the built-in ones: no plugins here
      assertThat(screen).contains(id.title());
    }
    assertThat(screen).contains("node-17", "6.1.0-18-amd64", "CRITICAL", "mount-lock contention",
        "2 sockets", "2 nodes", "128 CPUs", "SMT on", "HIGH");
    assertScreen("storm-80x24", screen);
  }

  @Test
  void storm_at_200x60_uses_the_room_for_three_columns_and_long_sparklines() throws Exception {
    String screen = ScreenHarness.of(200, 60, true, stormWithVerdicts()).feedAll().text();
    String[] rows = screen.split("\n");
    assertThat(rows[2]).contains("Topology", "Mount activity", "Mount table");
    assertThat(screen).contains("kernel symbol", "native_queued_spin_lock_slowpath", "app/web:2.0");
    assertScreen("storm-200x60", screen);
  }

  @Test
  void in_an_ascii_locale_not_one_character_is_outside_ascii() throws Exception {
    String screen = ScreenHarness.of(80, 24, false, stormWithVerdicts()).feedAll().text();
    assertThat(screen.chars().filter(c -> c > 0x7e)).isEmpty();
    assertThat(screen).contains("+- Mount activity", "CRITICAL");
    assertScreen("storm-80x24-ascii", screen);
  }

  @Test
  void a_node_where_nothing_is_collected_says_so_in_each_panel_instead_of_crashing() throws Exception {
    Model empty = new Model("2023-11-14T22:13:20Z", new HostInfo("bare", "Debian", 60), new KernelInfo("6.1.0", "#1", "x86_64"),
        null, null, null, null, null, null, null, null, null, null,
        probes());
    String screen = ScreenHarness.of(80, 24, true, List.of(empty)).feedAll().text();
    assertThat(screen).contains("topology: unavailable (sysfs not", "mount syscalls: not collected",
        "mount table: not collected", "container starts: not collected", "diagnosis not collected");
    assertScreen("nothing-collected-80x24", screen);
  }

  @Test
  void before_the_first_sample_every_panel_waits() throws Exception {
    String screen = ScreenHarness.of(80, 24, true, List.of()).feedAll().text();
    assertThat(screen).contains("waiting for the first sample");
    for (PanelId id : Panel.all().stream().map(Panel::id).toList()) { // the built-in ones: no plugins here
      assertThat(screen).contains(id.title());
    }
  }

  @Test
  void zoomed_hotspots_show_every_lock_row_and_symbol() throws Exception {
    ScreenHarness h = ScreenHarness.of(80, 24, true, STORM).feedAll();
    for (int i = 0; i < 3; i++) {
      h.press(ScreenHarness.key(KeyType.Tab));
    }
    h.press(ScreenHarness.key(KeyType.Enter));
    String screen = h.text();
    assertThat(screen).contains("Hotspots", "(Esc: back)", "attach_recursive_mnt+0x2d1", "avg", "copy_page")
        .doesNotContain("Topology");
    assertScreen("storm-hotspots-zoomed-80x24", screen);
  }

  @Test
  void colours_follow_the_terminal_256_then_16_then_none() throws Exception {
    List<Model> models = stormWithVerdicts();
    for (Theme.Depth depth : Theme.Depth.values()) {
      ScreenHarness h = new ScreenHarness(80, 24, true, depth, new ScreenHarness.ListSource(models, true),
          ScreenHarness.options(false));
      h.feedAll();
      TextColor fg = h.cellAt("CRITICAL").getForegroundColor();
      switch (depth) {
        case INDEXED -> assertThat(fg).isInstanceOf(TextColor.Indexed.class);
        case ANSI -> assertThat(fg).isEqualTo(TextColor.ANSI.RED);
        case NONE -> {
          assertThat(fg).isEqualTo(TextColor.ANSI.DEFAULT);
          assertThat(h.cellAt("CRITICAL").isBold()).as("no colour, still bold").isTrue();
        }
      }
    }
  }

  @Test
  void a_replay_says_it_is_not_live() throws Exception {
    ScreenHarness h = new ScreenHarness(80, 24, true, Theme.Depth.INDEXED, new ScreenHarness.ListSource(STORM, false),
        ScreenHarness.options(false));
    assertThat(h.feedAll().text().split("\n")[0]).contains("REPLAY - NOT LIVE");
  }
}
