package io.mountscope.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.mountscope.model.HotspotSample;
import io.mountscope.model.KernelInfo;
import io.mountscope.model.Sample;
import io.mountscope.store.RecordingHeader;
import io.mountscope.store.RecordingWriter;
import com.fasterxml.jackson.databind.JsonNode;
import io.mountscope.testing.Background;
import io.mountscope.testing.Chromium;
import io.mountscope.testing.KernelExclusive;
import io.mountscope.testing.Prerequisites;
import io.mountscope.util.Json;
import io.mountscope.testing.Launcher;
import io.mountscope.testing.SampleFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The flame graph of a recorded storm, opened in headless Chromium with no network at all: it
 * draws, names the hottest frame, searches and zooms from its address.
 */
class FlameGraphIT {
  /** Kernel stacks as a mount storm samples them, and their weights per second of storm. */
  static final Map<String, Long> STORM = new LinkedHashMap<>();

  static {
    String sys = "entry_SYSCALL_64_after_hwframe;do_syscall_64;";
    STORM.put(sys + "__x64_sys_umount;path_umount;namespace_unlock;synchronize_rcu_expedited;schedule", 30L);
    STORM.put(sys + "__x64_sys_umount;path_umount;namespace_unlock;_raw_spin_lock;native_queued_spin_lock_slowpath", 310L);
    STORM.put(sys + "__x64_sys_move_mount;do_move_mount;lock_mount;down_write;rwsem_down_write_slowpath;osq_lock", 120L);
    STORM.put(sys + "__x64_sys_move_mount;do_move_mount;lock_mount;down_write;rwsem_down_write_slowpath;"
        + "rwsem_spin_on_owner", 90L);
    STORM.put(sys + "__x64_sys_open_tree;namespace_lock;down_write;rwsem_down_write_slowpath;osq_lock", 70L);
    STORM.put(sys + "__x64_sys_mount_setattr;do_mount_setattr;namespace_lock;down_write", 12L);
    STORM.put(sys + "__x64_sys_read;ksys_read;vfs_read;seq_read_iter;show_mountinfo;seq_printf", 40L);
    STORM.put("secondary_startup_64_no_verify;cpu_startup_entry;do_idle;default_idle_call;intel_idle", 200L);
    STORM.put("[user]", 25L);
  }

  @TempDir
  static Path dir;
  static Path html;
  static Map<String, Long> folded;

  @BeforeAll
  static void flameGraphOfARecordedStorm() throws Exception {
    Path rec = dir.resolve("storm.jsonl.gz");
    try (RecordingWriter w = RecordingWriter.create(rec, new RecordingHeader(RecordingHeader.FORMAT,
        RecordingHeader.SCHEMA, "0.1.0", "flame", 1, SampleFixtures.T0, 1000, "node-17",
        new KernelInfo("6.18.44", "#1", "x86_64")), RecordingWriter.Limits.DEFAULT, false)) {
      for (int t = 0; t < 10; t++) {
        Map<String, Long> cumulative = new LinkedHashMap<>();
        long total = 0;
        for (var e : STORM.entrySet()) {
          cumulative.put(e.getKey(), e.getValue() * (t + 1));
          total += e.getValue() * (t + 1);
        }
        Sample f = SampleFixtures.full(t);
        w.append(new Sample(f.timeMillis(), f.monotonicNanos(), f.host(), f.kernel(), f.topology(), f.cpuTimes(),
            f.mountCounters(), f.mountTable(), f.locks(), new HotspotSample(total, Map.of(), cumulative, 0),
            f.startups(), f.sysctls(), f.self(), f.probes()));
      }
    }
    html = dir.resolve("storm.html");
    Path foldedFile = dir.resolve("storm.folded");
    Launcher.Result r = Launcher.run("replay", rec.toString(), "--flamegraph", html.toString(), "--folded",
        foldedFile.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.err()).contains("flame graph of 8970 samples written to " + html);
    folded = new TreeMap<>();
    for (String line : Files.readAllLines(foldedFile)) {
      int space = line.lastIndexOf(' ');
      folded.put(line.substring(0, space), Long.parseLong(line.substring(space + 1)));
    }
  }

  /** The leaf with the most samples of its own, from the collapsed stacks alone. */
  static String hottestLeaf() {
    Map<String, Long> self = new TreeMap<>();
    folded.forEach((stack, n) -> self.merge(stack.substring(stack.lastIndexOf(';') + 1), n, Long::sum));
    return self.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
  }

  static String text(String dom, String id) {
    Matcher m = Pattern.compile("id=\"" + id + "\"[^>]*>(.*?)</span>", Pattern.DOTALL).matcher(dom);
    assertThat(m.find()).as("#" + id + " in the page").isTrue();
    return m.group(1).replaceAll("<[^>]+>", "");
  }

  @Test
  void hotspots_during_a_real_storm_writes_a_page_whose_hottest_frame_is_the_top_symbol() throws Exception {
    Prerequisites.root();
    Path page = dir.resolve("hotspots.html");
    Path stacks = dir.resolve("hotspots.folded");
    Launcher.Result r;
    try (KernelExclusive quiet = KernelExclusive.acquire();
        Background storm = Background.launcher(Map.of(), "stress", "--pattern", "idmap-per-layer", "--layers", "20",
            "--threads", "2", "--duration", "8")) {
      Thread.sleep(2000); // the storm's worker is up and storming
      r = Launcher.run("hotspots", "--seconds", "3", "--json", "--flamegraph", page.toString(), "--folded",
          stacks.toString());
    }
    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode table = Json.mapper().readTree(r.out());
    long samples = table.get("samples").asLong();
    long foldedTotal = 0;
    for (String line : Files.readAllLines(stacks)) {
      foldedTotal += Long.parseLong(line.substring(line.lastIndexOf(' ') + 1));
    }
    assertThat(foldedTotal).as("every sample is in the collapsed stacks").isEqualTo(samples);
    String dom = Chromium.dumpDom(page.toUri().toString(), dir.resolve("profile"));
    Matcher hot = Pattern.compile("hottest frame: <b>([^<]+)</b>").matcher(dom);
    assertThat(hot.find()).as("the page names its hottest frame").isTrue();
    long topSelf = table.get("top").get(0).get("self").asLong();
    java.util.Set<String> hottest = new java.util.HashSet<>();
    table.get("top").forEach(row -> {
      if (row.get("self").asLong() == topSelf) {
        hottest.add(row.get("symbol").asText());
      }
    });
    assertThat(hottest).as("the table's top symbol(s) by self samples").contains(hot.group(1));
    assertThat(dom).contains(">" + hot.group(1) + "</div>");
    assertThat(dom).contains(samples + " samples");
  }

  @Test
  void the_collapsed_stacks_are_the_ten_seconds_of_the_recording() {
    assertThat(folded).hasSize(STORM.size());
    STORM.forEach((stack, perSecond) -> assertThat(folded.get(stack)).as(stack).isEqualTo(perSecond * 10));
  }

  @Test
  void chromium_without_network_draws_every_frame_and_names_the_hottest() throws Exception {
    String dom = Chromium.dumpDom(html.toUri().toString(), dir.resolve("profile"));
    String hottest = hottestLeaf();
    assertThat(hottest).isEqualTo("native_queued_spin_lock_slowpath");
    assertThat(text(dom, "hottest")).isEqualTo("hottest frame: " + hottest + " " + String.format(Locale.ROOT, "%.1f%%",
        100.0 * 3100 / 8970) + " of samples (self)");
    assertThat(dom).contains("class=\"frame hottest\"");
    Matcher frames = Pattern.compile("class=\"frame[^\"]*\"[^>]*>([^<]*)</div>").matcher(dom);
    java.util.Set<String> drawn = new java.util.HashSet<>();
    while (frames.find()) {
      drawn.add(frames.group(1));
    }
    for (String stack : folded.keySet()) {
      assertThat(drawn).containsAll(List.of(stack.split(";")));
    }
    Chromium.screenshot(html.toUri().toString(), Path.of("target/flamegraph-storm.png").toAbsolutePath(),
        dir.resolve("profile"));
  }

  @Test
  void a_search_in_the_address_highlights_and_measures_the_matching_frames() throws Exception {
    String dom = Chromium.dumpDom(html.toUri() + "#search=namespace_", dir.resolve("profile"));
    long matching = folded.entrySet().stream().filter(e -> e.getKey().toLowerCase(Locale.ROOT).contains("namespace_"))
        .mapToLong(Map.Entry::getValue).sum();
    assertThat(text(dom, "matched")).isEqualTo("matched " + String.format(Locale.ROOT, "%.1f%%", 100.0 * matching / 8970)
        + " (" + matching + " samples)");
    assertThat(dom).contains("frame match").contains(">namespace_unlock</div>");
  }

  @Test
  void a_zoom_in_the_address_shows_that_frame_across_the_whole_width() throws Exception {
    String dom = Chromium.dumpDom(html.toUri() + "#zoom=lock_mount", dir.resolve("profile"));
    assertThat(dom).contains("zoomed: all &gt; entry_SYSCALL_64_after_hwframe &gt; do_syscall_64 &gt; __x64_sys_move_mount"
        + " &gt; do_move_mount &gt; lock_mount");
    Matcher zoomed = Pattern.compile("<div class=\"frame[^\"]*\"[^>]*>lock_mount</div>").matcher(dom);
    assertThat(zoomed.find()).isTrue();
    assertThat(zoomed.group()).as("lock_mount drawn over the full width").contains("style=\"left: 0%; width: 100%;")
        .doesNotContain("frame dim");
    assertThat(dom).doesNotContain(">intel_idle</div>"); // outside the zoomed frame
  }
}
