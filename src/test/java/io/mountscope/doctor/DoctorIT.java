package io.mountscope.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mountscope.testing.Launcher;
import io.mountscope.testing.Perf;
import io.mountscope.testing.Prerequisites;
import io.mountscope.util.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** doctor must tell the truth: each check is compared with an independent look at the node. */
class DoctorIT {
  private static Map<String, JsonNode> checks;
  private static JsonNode doc;

  @BeforeAll
  static void runDoctor() throws Exception {
    Prerequisites.root();
    Launcher.Result r = Launcher.run("doctor", "--json");
    doc = Json.mapper().readTree(r.out());
    checks = new HashMap<>();
    doc.get("checks").forEach(c -> checks.put(c.get("check").asText(), c));
    assertThat(r.exitCode()).as("exit code with %s FAILs", doc.get("fail")).isEqualTo(doc.get("fail").asInt() > 0 ? 1 : 0);
  }

  private static String status(String check) {
    assertThat(checks).containsKey(check);
    return checks.get(check).get("status").asText();
  }

  private static String sh(String script) throws Exception {
    return Launcher.exec(List.of("sh", "-c", script), Map.of(), 30).out().trim();
  }

  @Test
  void every_documented_capability_is_checked_with_a_status() {
    assertThat(checks.keySet()).contains("privileges", "perf_event_paranoid", "perf_event_open", "tracefs", "syscall tracepoints",
        "lock tracepoints", "kallsyms", "new mount API", "idmapped overlay", "user namespaces", "containerd", "oshi",
        "terminal");
    checks.values().forEach(c -> assertThat(c.get("status").asText()).isIn("OK", "WARN", "FAIL"));
  }

  @Test
  void privileges_match_the_process_status() throws Exception {
    assertThat(status("privileges")).isEqualTo("OK");
    assertThat(checks.get("privileges").get("detail").asText()).startsWith("root");
  }

  @Test
  void tracepoints_agree_with_a_tracefs_listing_made_by_hand() throws Exception {
    // Independent: mount tracefs in a throwaway mount namespace and look.
    String listing = sh("unshare -m sh -c 'mount -t tracefs nodev /sys/kernel/tracing 2>/dev/null; "
        + "ls /sys/kernel/tracing/events/syscalls /sys/kernel/tracing/events/lock'");
    boolean allSyscalls = List.of("mount", "umount", "open_tree", "move_mount", "mount_setattr", "fsmount", "fsopen")
        .stream().allMatch(s -> listing.lines().anyMatch(l -> l.equals("sys_enter_" + s)));
    boolean lock = listing.lines().anyMatch(l -> l.equals("contention_begin"));
    assertThat(status("syscall tracepoints")).isEqualTo(allSyscalls ? "OK" : "FAIL");
    assertThat(status("lock tracepoints")).isEqualTo(lock ? "OK" : "FAIL");
  }

  @Test
  void tracefs_is_reported_mounted_exactly_when_proc_mounts_says_so() throws Exception {
    boolean mounted = Files.readString(Path.of("/proc/self/mounts")).contains(" tracefs ");
    assertThat(checks.get("tracefs").get("detail").asText()).startsWith(mounted ? "mounted at" : "not mounted");
    assertThat(status("tracefs")).isEqualTo("OK");
  }

  @Test
  void kallsyms_matches_the_first_addresses_of_proc_kallsyms() throws Exception {
    boolean real = !sh("head -n 50 /proc/kallsyms | cut -d' ' -f1 | sort -u").equals("0000000000000000");
    assertThat(status("kallsyms")).isEqualTo(real ? "OK" : "FAIL");
  }

  @Test
  void user_namespaces_and_idmapped_overlay_match_a_manual_attempt() throws Exception {
    String userns = sh("unshare -U true && echo yes || echo no");
    assertThat(status("user namespaces")).isEqualTo(userns.equals("yes") ? "OK" : "FAIL");
    // The idmapped-overlay check mounted things only in a private namespace: the host table is unchanged.
    assertThat(Files.readString(Path.of("/proc/self/mountinfo"))).doesNotContain("mountscope-doctor");
  }

  @Test
  void perf_event_open_is_ok_exactly_when_perf_itself_can_count_system_wide() throws Exception {
    Launcher.Result perf = Launcher.exec(Perf.command("stat", "-a", "-e", "cpu-clock,syscalls:sys_enter_mount", "--", "true"),
        Map.of(), 60);
    assertThat(status("perf_event_open")).as(perf.err()).isEqualTo(perf.exitCode() == 0 ? "OK" : "FAIL");
  }

  @Test
  void containerd_is_ok_exactly_when_its_socket_exists() {
    boolean socket = Files.exists(Path.of("/run/containerd/containerd.sock"));
    assertThat(status("containerd")).isEqualTo(socket ? "OK" : "WARN");
  }

  @Test
  void without_a_terminal_doctor_warns_about_the_dashboard() {
    assertThat(status("terminal")).isEqualTo("WARN");
    assertThat(checks.get("terminal").get("detail").asText()).contains("not a terminal");
  }

  @Test
  void text_output_has_one_line_per_check_and_a_fix_for_each_problem() throws Exception {
    Launcher.Result r = Launcher.run("doctor");
    for (String check : checks.keySet()) {
      assertThat(r.out()).containsPattern("(?m)^(OK|WARN|FAIL) +" + java.util.regex.Pattern.quote(check) + " ");
    }
    long problems = checks.values().stream().filter(c -> !c.get("status").asText().equals("OK")).count();
    assertThat(r.out().lines().filter(l -> l.trim().startsWith("fix:")).count()).isEqualTo(problems);
    assertThat(r.err()).isEmpty();
  }
}
