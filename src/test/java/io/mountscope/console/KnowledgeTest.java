package io.mountscope.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mountscope.diagnose.Rule;
import io.mountscope.diagnose.RuleSet;
import io.mountscope.model.HotspotFamily;
import io.mountscope.recipe.RecipeLibrary;
import io.mountscope.util.InputException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The manual behind explain: every entry parses, says what, why and next, and points at real things. */
class KnowledgeTest {
  private static Knowledge parse(String yaml) throws Exception {
    return Knowledge.parse(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test.yaml");
  }

  @Test
  void every_entry_of_the_manual_parses_and_says_what_why_and_what_next() {
    Knowledge k = Knowledge.builtIn();
    assertThat(k.topics()).hasSizeGreaterThan(60);
    for (Topic t : k.topics()) {
      assertThat(t.what()).as(t.name() + ".what").isNotBlank();
      assertThat(t.why()).as(t.name() + ".why").isNotBlank();
      assertThat(t.next()).as(t.name() + ".next").isNotBlank();
      assertThat(t.summary()).as(t.name() + " summary").endsWith(".");
      for (String ref : t.see()) {
        assertThat(k.find(ref)).as(t.name() + " sees " + ref).isPresent();
      }
    }
    for (Topic.Kind kind : Topic.Kind.values()) {
      assertThat(k.ofKind(kind)).as("topics of kind " + kind).isNotEmpty();
    }
  }

  @Test
  void the_kernel_symbols_of_the_incident_are_explained_with_their_lock_family() {
    Knowledge k = Knowledge.builtIn();
    for (String symbol : List.of("namespace_sem", "namespace_unlock", "mount_lock", "lock_mount",
        "native_queued_spin_lock_slowpath", "rwsem_down_write_slowpath", "rwsem_down_read_slowpath",
        "rwsem_spin_on_owner", "osq_lock", "synchronize_rcu_expedited")) {
      Topic t = k.find(symbol).orElseThrow(() -> new AssertionError("no topic " + symbol));
      assertThat(t.kind()).as(symbol).isEqualTo(Topic.Kind.SYMBOL);
      assertThat(k.find(t.family()).map(Topic::kind)).as(symbol + " family").contains(Topic.Kind.FAMILY);
    }
    assertThat(k.find("namespace_sem").orElseThrow().family()).isEqualTo("mount-lock");
    assertThat(k.find("osq_lock").orElseThrow().family()).isEqualTo("rwsem");
  }

  @Test
  void every_lock_family_the_hotspots_report_is_explained() {
    for (HotspotFamily f : HotspotFamily.SPINNING) {
      assertThat(Knowledge.builtIn().find(f.json()).map(Topic::kind)).as(f.json()).contains(Topic.Kind.FAMILY);
    }
    assertThat(Knowledge.builtIn().find(HotspotFamily.RCU.json()).map(Topic::kind)).contains(Topic.Kind.FAMILY);
    for (Topic symbol : Knowledge.builtIn().ofKind(Topic.Kind.SYMBOL)) {
      HotspotFamily counted = HotspotFamily.of(symbol.name());
      if (counted != HotspotFamily.OTHER) {
        assertThat(symbol.family()).as(symbol.name() + " as the hotspots classify it").isEqualTo(counted.json());
      }
    }
    assertThat(HotspotFamily.of("namespace_sem")).isEqualTo(HotspotFamily.MOUNT_LOCK);
  }

  @Test
  void every_verdict_the_diagnosis_can_give_is_explained_under_its_id_and_no_other() {
    Knowledge k = Knowledge.builtIn();
    List<String> ruleIds = RuleSet.builtIn().rules().stream().map(Rule::id).toList();
    for (String id : ruleIds) {
      assertThat(k.find(id).map(Topic::name)).as("explain " + id).contains(id);
      assertThat(k.find(id).map(Topic::kind)).as(id).contains(Topic.Kind.VERDICT);
    }
    assertThat(k.ofKind(Topic.Kind.VERDICT)).extracting(Topic::name).containsExactlyInAnyOrderElementsOf(ruleIds);
  }

  @Test
  void every_recipe_a_verdict_points_to_is_in_the_library_and_explained() {
    List<String> shipped = new RecipeLibrary(Path.of("recipes")).names();
    assertThat(Rule.RECIPES).containsExactlyInAnyOrderElementsOf(shipped);
    for (Rule r : RuleSet.builtIn().rules()) {
      assertThat(shipped).as(r.id() + " next").containsAll(r.next());
    }
    assertThat(Knowledge.builtIn().ofKind(Topic.Kind.RECIPE)).extracting(Topic::name).containsAll(shipped);
  }

  @Test
  void every_sysctl_the_manual_names_exists_on_this_kernel() {
    for (Topic t : Knowledge.builtIn().ofKind(Topic.Kind.SYSCTL)) {
      Path p = t.name().contains(".") ? Path.of("/proc/sys", t.name().replace('.', '/')) : Path.of("/sys/kernel", t.name());
      assertThat(Files.exists(p)).as(t.name() + " at " + p).isTrue();
    }
  }

  @Test
  void every_metric_names_a_field_of_the_snapshot_json() throws Exception {
    String fields = Files.readString(Path.of("docs/json.md"));
    for (Topic t : Knowledge.builtIn().ofKind(Topic.Kind.METRIC)) {
      String field = t.name().substring(t.name().lastIndexOf('.') + 1);
      assertThat(fields.contains("`" + t.name()) || fields.contains("`" + field))
          .as(t.name() + " in docs/json.md").isTrue();
    }
  }

  @Test
  void topics_are_found_by_alias_case_and_either_dash() {
    Knowledge k = Knowledge.builtIn();
    assertThat(k.find("namespace_lock").orElseThrow().name()).isEqualTo("namespace_sem");
    assertThat(k.find("Mount_Lock").orElseThrow().name()).isEqualTo("mount_lock");
    assertThat(k.find("Mount-Lock").orElseThrow().name()).isEqualTo("mount-lock");
    assertThat(k.find("mount_locks").orElseThrow().name()).isEqualTo("mount-lock");
    assertThat(k.find("rwsem-down-write-slowpath").orElseThrow().name()).isEqualTo("rwsem_down_write_slowpath");
    assertThat(k.find("no-such-thing")).isEmpty();
  }

  @Test
  void a_misspelt_topic_finds_its_nearest_names() {
    List<String> near = Nearest.to("namespce_sem", Knowledge.builtIn().names(), 3);
    assertThat(near).first().isEqualTo("namespace_sem");
    assertThat(Nearest.to("synchronize_rcu", Knowledge.builtIn().names(), 3)).contains("synchronize_rcu_expedited");
    assertThat(Nearest.to("zzzzzzzz", Knowledge.builtIn().names(), 3)).isEmpty();
  }

  @Test
  void an_entry_without_why_fails_with_the_file_and_line() {
    assertThatThrownBy(() -> parse("""
        - name: ok
          kind: concept
          what: a
          why: b
          next: c
        - name: broken
          kind: concept
          what: a
          next: c
        """)).isInstanceOf(InputException.class).hasMessage("test.yaml:6: topic 'broken': why is empty");
  }

  @Test
  void an_unknown_key_a_duplicate_and_a_dangling_reference_are_errors_with_lines() {
    assertThatThrownBy(() -> parse("- name: a\n  kind: concept\n  what: a\n  why: b\n  next: c\n  colour: red\n"))
        .isInstanceOf(InputException.class).hasMessageStartingWith("test.yaml:6:").hasMessageContaining("colour");
    assertThatThrownBy(() -> parse("- {name: a, kind: concept, what: a, why: b, next: c}\n"
        + "- {name: b, aliases: [a], kind: concept, what: a, why: b, next: c}\n"))
        .isInstanceOf(InputException.class).hasMessageStartingWith("test.yaml:2: 'a' is already");
    assertThatThrownBy(() -> parse("- {name: a, kind: concept, what: a, why: b, next: c, see: [nowhere]}\n"))
        .isInstanceOf(InputException.class).hasMessage("test.yaml:1: topic 'a' refers to unknown topic 'nowhere'");
    assertThatThrownBy(() -> parse("- {name: s, kind: symbol, what: a, why: b, next: c}\n"))
        .isInstanceOf(InputException.class).hasMessageContaining("needs a family");
    assertThatThrownBy(() -> parse("- {name: s, kind: gadget, what: a, why: b, next: c}\n"))
        .isInstanceOf(InputException.class).hasMessageStartingWith("test.yaml:1:");
  }
}
