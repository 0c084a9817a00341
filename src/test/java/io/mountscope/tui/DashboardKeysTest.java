package io.mountscope.tui;

import static io.mountscope.tui.ScreenHarness.key;
import static org.assertj.core.api.Assertions.assertThat;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import io.mountscope.model.Model;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The keys, on the recorded storm: what an on-call engineer presses and what the screen does. */
class DashboardKeysTest {
  private static final List<Model> STORM = Models.derive(StormRecording.samples(70));

  private static ScreenHarness storm() throws Exception {
    return ScreenHarness.of(80, 24, true, STORM).feedAll();
  }

  /** The title of the focused panel: its frame is drawn with double lines. */
  private static String focused(ScreenHarness h) {
    for (String row : h.text().split("\n")) {
      int i = row.indexOf("╔═ ");
      if (i >= 0) {
        return row.substring(i + 3, row.indexOf(" ═", i + 3)).trim();
      }
    }
    return null;
  }

  @Test
  void tab_walks_the_focus_through_every_panel_and_arrows_move_it_on_the_grid() throws Exception {
    ScreenHarness h = storm();
    assertThat(focused(h)).isEqualTo("Topology");
    h.press(key(KeyType.Tab));
    assertThat(focused(h)).isEqualTo("Mount activity");
    h.press(key(KeyType.Tab), key(KeyType.Tab), key(KeyType.Tab), key(KeyType.Tab));
    assertThat(focused(h)).isEqualTo("Diagnosis");
    h.press(key(KeyType.Tab));
    assertThat(focused(h)).isEqualTo("Topology");
    h.press(key(KeyType.ReverseTab));
    assertThat(focused(h)).isEqualTo("Diagnosis");
    h.press(key(KeyType.ArrowLeft));
    assertThat(focused(h)).isEqualTo("Startups");
    h.press(key(KeyType.ArrowUp));
    assertThat(focused(h)).isEqualTo("Mount table");
    h.press(key(KeyType.ArrowRight));
    assertThat(focused(h)).isEqualTo("Hotspots");
  }

  @Test
  void enter_zooms_the_focused_panel_and_escape_brings_the_grid_back() throws Exception {
    ScreenHarness h = storm();
    h.press(key(KeyType.Tab), key(KeyType.Tab), key(KeyType.Enter));
    String zoomed = h.text();
    assertThat(zoomed).contains("Mount table  (Esc: back)", "fs type", "more (arrows scroll)").doesNotContain("Hotspots");
    h.press(key(KeyType.PageDown));
    assertThat(h.text()).as("scrolled to the end").contains("target-gone", "/run/netns/cni-5c1e", "from line");
    h.press(key(KeyType.Escape));
    assertThat(h.text()).contains("Hotspots", "Topology").doesNotContain("(Esc: back)");
  }

  @Test
  void slash_filters_the_focused_table_and_escape_clears_it() throws Exception {
    ScreenHarness h = storm();
    h.press(key(KeyType.Tab), key(KeyType.Tab), key(KeyType.Tab));
    h.press(key(KeyType.Enter));
    assertThat(h.text()).contains("lock_mount+0x3c", "attach_recursive_mnt");
    h.type("/");
    h.type("attach");
    assertThat(h.text().split("\n")[23]).contains("filter Hotspots: attach_");
    h.press(key(KeyType.Enter));
    String filtered = h.text();
    assertThat(filtered).contains("Hotspots /attach", "attach_recursive_mnt").doesNotContain("lock_mount+0x3c");
    h.type("/");
    h.press(key(KeyType.Backspace), key(KeyType.Backspace), key(KeyType.Backspace));
    h.type("zzz");
    assertThat(h.text()).contains("(none match /attzzz)");
    h.press(key(KeyType.Escape));
    assertThat(h.text()).as("Esc while typing restores the filter before").contains("Hotspots /attach");
    h.press(key(KeyType.Escape), key(KeyType.Escape));
    assertThat(h.text()).contains("lock_mount+0x3c", "Topology").doesNotContain("/attach");
  }

  @Test
  void s_sorts_the_lock_table_by_each_column_in_turn_and_capital_s_reverses() throws Exception {
    ScreenHarness h = storm();
    h.press(key(KeyType.Tab), key(KeyType.Tab), key(KeyType.Tab), key(KeyType.Enter));
    // The panel's own order is by total wait: lock_mount first.
    assertThat(rowOrder(h, "lock_mount+0x3c", "attach_recursive_mnt")).isNegative();
    h.type("s"); // caller, alphabetically
    assertThat(h.text()).contains("caller▼").contains("sorted by caller");
    assertThat(rowOrder(h, "attach_recursive_mnt", "do_mount_setattr")).isNegative();
    h.type("s"); // contended, most first: attach_recursive_mnt (30600) before lock_mount (13600)
    assertThat(h.text()).contains("contended▼");
    assertThat(rowOrder(h, "attach_recursive_mnt", "lock_mount+0x3c")).isNegative();
    h.type("S");
    assertThat(h.text()).contains("contended▲");
    assertThat(rowOrder(h, "lock_mount+0x3c", "attach_recursive_mnt")).isNegative();
  }

  private static int rowOrder(ScreenHarness h, String first, String second) {
    String s = h.text();
    return Integer.compare(s.indexOf(first), s.indexOf(second));
  }

  @Test
  void question_mark_shows_the_keys_and_escape_closes_them() throws Exception {
    ScreenHarness h = storm();
    h.type("?");
    assertThat(h.text()).contains("Keys and panels", "filter the panel's tables", "open the console");
    h.press(key(KeyType.Escape));
    assertThat(h.text()).doesNotContain("Keys and panels");
  }

  @Test
  void q_quits_on_its_own_and_goes_back_to_the_console_that_opened_it() throws Exception {
    assertThat(storm().type("q")).isEqualTo(ExitReason.QUIT);
    ScreenHarness fromConsole = new ScreenHarness(80, 24, true, Theme.Depth.INDEXED,
        new ScreenHarness.ListSource(STORM, true), ScreenHarness.options(true));
    fromConsole.feedAll();
    assertThat(fromConsole.text()).contains("q console");
    assertThat(fromConsole.type("q")).isEqualTo(ExitReason.BACK_TO_CONSOLE);
  }

  @Test
  void colon_opens_the_console_ctrl_c_interrupts_and_end_of_input_hangs_up() throws Exception {
    assertThat(storm().type(":")).isEqualTo(ExitReason.OPEN_CONSOLE);
    assertThat(storm().press(new KeyStroke('c', true, false))).isEqualTo(ExitReason.INTERRUPTED);
    assertThat(storm().press(key(KeyType.EOF))).isEqualTo(ExitReason.HANGUP);
  }

  @Test
  void without_a_console_colon_says_so_and_stays() throws Exception {
    ScreenHarness h = new ScreenHarness(80, 24, true, Theme.Depth.INDEXED, new ScreenHarness.ListSource(STORM, true),
        new DashboardOptions(false, false, null, ZoneOffset.UTC));
    h.feedAll();
    assertThat(h.type(":")).isNull();
    assertThat(h.text()).contains("the console is not part of this build");
  }

  @Test
  void escape_and_a_key_arriving_together_are_both_keys() throws Exception {
    ScreenHarness h = storm();
    h.press(key(KeyType.Enter));
    assertThat(h.text()).contains("(Esc: back)");
    // A terminal delivers Esc followed quickly by '?' as Alt+'?': leave zoom, then help.
    h.press(new KeyStroke('?', false, true));
    assertThat(h.text()).contains("Keys and panels").doesNotContain("(Esc: back)");
  }

  @Test
  void r_lists_the_installed_recipes_or_says_there_are_none(@TempDir Path home) throws Exception {
    Path recipes = Files.createDirectories(home.resolve("recipes"));
    ScreenHarness none = new ScreenHarness(80, 24, true, Theme.Depth.INDEXED, new ScreenHarness.ListSource(STORM, true),
        new DashboardOptions(false, true, recipes, ZoneOffset.UTC));
    none.feedAll().type("r");
    assertThat(none.text()).contains("No recipes installed in " + recipes);
    Files.writeString(recipes.resolve("idmap-strategy.yaml"), "description: per-layer vs common-parent idmap\nsteps: []\n");
    Files.createDirectories(recipes.resolve("training"));
    Files.writeString(recipes.resolve("training/storm-101.yml"), "title: your first storm\n");
    Files.writeString(recipes.resolve("README.md"), "not a recipe\n");
    ScreenHarness some = new ScreenHarness(80, 24, true, Theme.Depth.INDEXED, new ScreenHarness.ListSource(STORM, true),
        new DashboardOptions(false, true, recipes, ZoneOffset.UTC));
    some.feedAll().type("r");
    assertThat(some.text()).contains("idmap-strategy", "per-layer vs common-parent idmap", "training/storm-101",
        "your first storm", "recipe run NAME").doesNotContain("README");
  }

  @Test
  void p_freezes_the_live_view_and_resuming_catches_up_with_what_arrived() throws Exception {
    ScreenHarness h = ScreenHarness.of(80, 24, true, STORM.subList(0, 40)).feedAll();
    String before = h.text();
    h.type("p");
    assertThat(h.text().split("\n")[0]).contains("PAUSED at");
    for (Model m : STORM.subList(40, 70)) {
      h.now += 1_000_000_000L;
      h.loop.update(new ModelSource.Update(false, List.of(m)), h.now);
    }
    h.loop.paint(h.screen, h.now);
    assertThat(h.text().split("\n")[3]).as("frozen").isEqualTo(before.split("\n")[3]);
    h.type("p");
    assertThat(h.text()).contains("up 10d 00h").contains("22:14:29");
  }

  @Test
  void a_replay_steps_seeks_and_changes_speed_from_the_keyboard_under_a_not_live_banner() throws Exception {
    java.util.concurrent.atomic.AtomicLong clock = new java.util.concurrent.atomic.AtomicLong(0);
    ReplaySource replay = new ReplaySource(StormRecording.samples(120), "storm.jsonl", clock::get);
    ScreenHarness h = new ScreenHarness(80, 24, true, Theme.Depth.INDEXED, replay, ScreenHarness.options(false));
    replay.start(() -> { });
    clock.set(30_000_000_000L);
    h.now = clock.get(); // the loop's clock and the replay's are the same, as System.nanoTime is live
    h.pollSource();
    String top = h.text().split("\n")[0];
    assertThat(top).contains("REPLAY - NOT LIVE", "31/120", "1x");
    h.type(".");
    h.pollSource();
    assertThat(h.text().split("\n")[0]).contains("32/120", "paused");
    h.type(",");
    h.type(",");
    h.pollSource();
    assertThat(h.text().split("\n")[0]).contains("30/120");
    h.type("]");
    h.pollSource();
    assertThat(h.text().split("\n")[0]).contains("40/120");
    h.type("G");
    h.pollSource();
    assertThat(h.text().split("\n")[0]).contains("120/120", "end");
    h.type("g");
    h.type("p");
    h.type("+");
    h.type("+");
    h.pollSource();
    assertThat(h.text().split("\n")[0]).contains("1/120", "4x");
    h.type("?");
    assertThat(h.text()).contains("one sample back / forward", "half / double speed");
  }

  @Test
  void a_feed_that_stops_is_shown_as_stale_after_three_intervals() throws Exception {
    ScreenHarness h = storm();
    h.now += 5_000_000_000L;
    h.loop.paint(h.screen, h.now);
    assertThat(h.text().split("\n")[0]).contains("STALE: no sample for 5.0s");
  }
}
