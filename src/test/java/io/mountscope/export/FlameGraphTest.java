package io.mountscope.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mountscope.model.HotspotSample;
import io.mountscope.util.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Folded stacks over a window of cumulative samples, and the flame graph page built from them. */
class FlameGraphTest {
  @TempDir
  Path dir;

  private static HotspotSample hot(long total, Map<String, Long> stacks) {
    return new HotspotSample(total, Map.of(), stacks, 0);
  }

  @Test
  void a_window_counts_what_each_sample_added_and_a_restarted_sampler_from_zero() {
    FoldedStacks w = FoldedStacks.over(Arrays.asList(
        hot(10, Map.of("a;b", 6L, "a;c", 4L)),
        null, // a tick without the hotspots probe
        hot(25, Map.of("a;b", 16L, "a;c", 9L)),
        hot(3, Map.of("a;b", 3L))));  // restarted
    assertThat(w.stacks()).isEqualTo(Map.of("a;b", 19L, "a;c", 9L));
    assertThat(w.total()).isEqualTo(28);
  }

  @Test
  void collapsed_stacks_are_one_stack_and_count_per_line() throws Exception {
    Path f = dir.resolve("out.folded");
    new FoldedStacks(Map.of("entry_SYSCALL_64;do_syscall_64;namespace_lock", 7L, "x;;y", 2L, "z", 0L)).write(f);
    assertThat(Files.readAllLines(f)).containsExactly("entry_SYSCALL_64;do_syscall_64;namespace_lock 7", "x;[unknown];y 2");
  }

  @Test
  void the_page_carries_the_tree_with_families_and_needs_no_network() throws Exception {
    FoldedStacks s = new FoldedStacks(Map.of(
        "entry_SYSCALL_64;do_syscall_64;__x64_sys_umount;namespace_unlock;native_queued_spin_lock_slowpath", 30L,
        "entry_SYSCALL_64;do_syscall_64;__x64_sys_open_tree;namespace_lock;rwsem_down_write_slowpath", 12L,
        "</script><script>alert(1)</script>", 1L));
    String html = FlameGraph.html(s, "kernel stacks <on> node-17", "10 s");
    assertThat(html).doesNotContain("http://", "https://", "<link", " src=", "@import", "alert(1)</script>");
    assertThat(html).contains("<title>kernel stacks &lt;on&gt; node-17</title>");
    JsonNode tree = Json.mapper().readTree(FlameGraph.json(s, "t", "w")).get("tree");
    assertThat(tree.get("v").asLong()).isEqualTo(43);
    JsonNode entry = tree.get("c").get(1);
    assertThat(entry.get("n").asText()).isEqualTo("entry_SYSCALL_64");
    assertThat(entry.get("v").asLong()).isEqualTo(42);
    List<String> families = Json.mapper().convertValue(Json.mapper().readTree(FlameGraph.json(s, "t", "w")).get("families"),
        Json.mapper().getTypeFactory().constructCollectionType(List.class, String.class));
    JsonNode unlock = entry.get("c").get(0).get("c").get(1).get("c").get(0);
    assertThat(unlock.get("n").asText()).isEqualTo("namespace_unlock");
    assertThat(families.get(unlock.get("f").asInt())).isEqualTo("mount-lock");
    assertThat(families.get(unlock.get("c").get(0).get("f").asInt())).isEqualTo("spinlock");
  }
}
