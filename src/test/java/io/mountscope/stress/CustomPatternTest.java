package io.mountscope.stress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mountscope.util.InputException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Custom patterns: what a plugin or recipe writes, and the file:line errors it gets for mistakes. */
class CustomPatternTest {
  private static final Layout LAYOUT = new Layout("/tmp/mountscope-stress.1.0");

  @TempDir
  Path dir;

  private CustomPattern write(String yaml) throws Exception {
    Path f = dir.resolve("start.yaml");
    Files.writeString(f, yaml);
    return CustomPattern.load(f);
  }

  private String error(String yaml) {
    return assertThatThrownBy(() -> {
      CustomPattern p = write(yaml);
      Patterns.plan(new StressParams(Pattern.CUSTOM, 4, 1, 1, 0, 0, null, null, p), LAYOUT, 0).analyse();
    }).isInstanceOf(InputException.class).actual().getMessage();
  }

  @Test
  void the_common_parent_fix_written_as_yaml_plans_the_same_syscalls_as_the_built_in_pattern() throws Exception {
    CustomPattern p = write("""
        description: containerd after PR 12092
        steps:
          - idmap: {source: layers, target: "{thread}/tc"}
          - overlay:
              lower: "{thread}/tc/{layer}"
              upper: "{thread}/up"
              work: "{thread}/wk"
              target: "{thread}/merged"
          - umount: {target: "{thread}/tc", detach: true}
          - umount: {target: "{thread}/merged", detach: true}
        """);
    StartPlan custom = Patterns.plan(new StressParams(Pattern.CUSTOM, 7, 1, 1, 0, 0, null, null, p), LAYOUT, 0);
    StartPlan builtIn = Patterns.plan(StressParams.of(Pattern.IDMAP_COMMON_PARENT, 7, 1, 1), LAYOUT, 0);
    assertThat(custom.steps()).isEqualTo(builtIn.steps());
    assertThat(custom.userns()).isTrue();
    assertThat(custom.lines()).containsExactly(3, 3, 3, 3, 4, 9, 10);
  }

  @Test
  void each_layer_repeats_a_step_and_fsmount_uses_the_new_mount_api() throws Exception {
    CustomPattern p = write("""
        steps:
          - fsmount: {type: tmpfs, options: {size: 1m}, target: "{thread}/fs"}
          - clone: {source: "layers/{layer}", target: "{thread}/c{layer}", each: layer}
          - umount: {target: "{thread}/c{layer}", each: layer}
          - umount: {target: "{thread}/fs"}
        """);
    StartPlan plan = Patterns.plan(new StressParams(Pattern.CUSTOM, 3, 1, 1, 0, 0, null, null, p), LAYOUT, 0);
    SyscallCounts n = SyscallCounts.of(plan.syscallsPerStart());
    assertThat(n.nonZero()).containsExactly(java.util.Map.entry("umount", 4L), java.util.Map.entry("open_tree", 3L),
        java.util.Map.entry("move_mount", 4L), java.util.Map.entry("fsopen", 1L), java.util.Map.entry("fsconfig", 2L),
        java.util.Map.entry("fsmount", 1L));
    assertThat(plan.analyse().peakMounts()).isEqualTo(4);
    assertThat(plan.userns()).isFalse();
  }

  @Test
  void a_misspelt_key_names_the_file_the_line_and_the_keys_it_knows() {
    assertThat(error("""
        steps:
          - bind: {source: layers, target: "{thread}/b"}
          - bind: {source: layers, tagret: "{thread}/c"}
        """)).matches(".*start\\.yaml:3: unknown key 'tagret' \\(known: each, recursive, source, target\\)");
  }

  @Test
  void an_unknown_operation_is_named_with_the_known_ones() {
    assertThat(error("steps:\n  - bnd: {source: layers, target: x}\n")).contains("start.yaml:2: unknown operation 'bnd'");
  }

  @Test
  void a_start_that_leaves_a_mount_behind_is_refused_where_the_mount_is_made() {
    assertThat(error("""
        steps:
          - bind: {source: layers, target: "{thread}/b"}
          - bind: {source: layers, target: "{thread}/c"}
          - umount: {target: "{thread}/b"}
        """)).contains("start.yaml:3: the mount on w0/c is never unmounted");
  }

  @Test
  void unmounting_what_the_start_did_not_mount_is_refused() {
    assertThat(error("steps:\n  - umount: {target: \"{thread}/b\"}\n"))
        .contains("start.yaml:2: umount of w0/b, which no earlier step mounted");
  }

  @Test
  void paths_cannot_leave_the_scratch_directory() {
    assertThat(error("steps:\n  - bind: {source: /etc, target: x}\n  - umount: {target: x}\n")).contains("start.yaml:2:")
        .contains("stay inside it");
    assertThat(error("steps:\n  - bind: {source: layers, target: ../../x}\n  - umount: {target: ../../x}\n")).contains("start.yaml:2:");
  }

  @Test
  void layer_variables_need_each_layer_and_unknown_variables_are_named() {
    assertThat(error("steps:\n  - bind: {source: \"layers/{layer}\", target: b}\n  - umount: {target: b}\n"))
        .contains("start.yaml:2:").contains("add 'each: layer'");
    assertThat(error("steps:\n  - bind: {source: \"{pod}\", target: b}\n  - umount: {target: b}\n"))
        .contains("start.yaml:2:").contains("unknown variable");
  }

  @Test
  void missing_fields_bad_flags_and_bad_types_are_input_errors_at_their_line() {
    assertThat(error("steps:\n  - overlay: {lower: layers}\n")).contains("start.yaml:2: overlay: missing 'target'");
    assertThat(error("steps:\n  - mount: {type: tmpfs, target: t, flags: [nosuid, sticky]}\n  - umount: {target: t}\n"))
        .contains("start.yaml:2: unknown mount flag 'sticky'");
    assertThat(error("steps:\n  - umount:\n      target: t\n      detach: maybe\n")).contains("start.yaml:4:")
        .contains("'detach': expected true or false");
  }

  @Test
  void an_empty_or_shapeless_file_says_what_is_expected() {
    assertThat(error("description: nothing\n")).contains("no steps");
    assertThat(error("- bind: {}\n")).contains("start.yaml:1: expected a mapping with 'steps:'");
    assertThat(error("steps: [\n")).contains("start.yaml:");
  }
}
