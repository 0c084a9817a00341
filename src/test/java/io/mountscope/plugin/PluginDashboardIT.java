package io.mountscope.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mountscope.testing.Launcher;
import io.mountscope.testing.Tmux;
import io.mountscope.util.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Plugins that go wrong are contained: a probe that throws and one that hangs are shown stale with
 * why, a panel that throws draws its error, one that hangs is shown busy, rules that throw or
 * hang give no verdict, and snapshot, the dashboard and the console go on; the log has the stack
 * traces. The example plugins' panels show in the same dashboard.
 */
class PluginDashboardIT {
  @AfterAll
  static void removeDirs() throws java.io.IOException {
    PluginsIT.removeTree(PluginsIT.BASE);
  }

  @Test
  void a_plugin_that_throws_in_its_probe_and_panel_leaves_snapshot_dashboard_and_console_running() throws Exception {
    Path dir = PluginsIT.freshDir("faulty");
    PluginJars.faulty(dir, "faulty-throw");
    PluginJars.faulty(dir, "faulty-hang");
    Path log = PluginsIT.freshDir("faulty-log");
    try (KubeletPage kubelet = new KubeletPage()) {
      Map<String, String> env = Map.of("MOUNTSCOPE_PLUGINS", dir + ":" + PluginJars.examples(),
          "MOUNTSCOPE_PLUGIN_KUBELET_URL", kubelet.url(),
          "MOUNTSCOPE_LOG_DIR", log.toString());
      Launcher.Result snap = Launcher.run(env, 90, "snapshot", "--json", "--window", "0.5");
      assertThat(snap.exitCode()).as(snap.err()).isZero();
      JsonNode probes = Json.mapper().readTree(snap.out()).get("probes");
      assertThat(probes.get("faulty-throw").get("state").asText()).isEqualTo("stale");
      assertThat(probes.get("faulty-throw").get("reason").asText()).isEqualTo(
          "failed: IllegalStateException: faulty probe: the disk is on fire; nothing read yet (stack trace in the log)");
      assertThat(probes.get("faulty-hang").get("state").asText()).isEqualTo("stale");
      assertThat(probes.get("faulty-hang").get("reason").asText()).startsWith("overran its budget of 2000 ms")
          .endsWith("nothing read yet");
      assertThat(probes.get("kubelet").get("state").asText()).isEqualTo("ok");
      assertThat(Files.readString(log.resolve("mountscope.log")))
          .contains("java.lang.IllegalStateException: faulty probe: the disk is on fire",
              "io.mountscope.plugin.faulty.FaultyProbe.read(FaultyProbe.java",
              "plugin faulty-throw failed in its rule (logged once)", "faulty rule cannot judge",
              "plugin faulty-hang failed in its rule (logged once)",
              "faulty-hang rule io.mountscope.plugin.faulty.HangingRule overran its 250 ms budget");

      String launch = "sleep 1; MOUNTSCOPE_PLUGINS='" + dir + ":" + PluginJars.examples() + "' MOUNTSCOPE_PLUGIN_KUBELET_URL='" + kubelet.url()
          + "' MOUNTSCOPE_LOG_DIR='" + log + "' " + Launcher.executable();
      try (Tmux t = Tmux.start(200, 50, "xterm-256color", launch)) {
        String screen = t.await(s -> s.contains("┌─ Plugins") && s.contains("p90 6.25 s"), 40, "the Plugins panel with kubelet's numbers");
        assertThat(screen).contains("kubelet: pod starts (kubelet)", "systemd-pressure: systemd (pid 1)",
            "faulty-throw: faulty", "faulty-hang: hanging", "running pods 29");
        // The Plugins panel is the last one: Shift-Tab from the first focuses it, Enter zooms it.
        t.send("BTab");
        t.send("Enter");
        screen = t.awaitText("Plugins  (Esc: back)", 10);
        assertThat(screen).contains("panel failed: IllegalStateException: faulty panel cannot draw (stack trace in the log)");
        screen = t.awaitText("panel busy: no answer for", 10);
        assertThat(screen).contains("(it may be hung; the dashboard goes on without it)");
        String comm = Files.readString(Path.of("/proc/1/comm")).strip();
        if (!comm.equals("systemd")) {
          assertThat(screen).contains("systemd: unavailable (pid 1 is " + comm + ", not systemd)");
        }
        // Still alive: frames keep coming (the clock in the header moves) with the faulty plugins loaded.
        String before = t.screen().lines().findFirst().orElse("");
        t.await(s -> !s.lines().findFirst().orElse("").equals(before), 10, "a new frame");
        t.send("Escape");
        t.send(":");
        t.awaitText("mountscope>", 20);
        t.type("plugins");
        t.send("Enter");
        t.await(s -> s.contains("faulty-throw") && s.contains("searched:"), 20, "the plugins list at the console");
        t.type("dash");
        t.send("Enter");
        t.awaitText("q quit", 20);
        t.send("q");
        t.awaitText("[exited 0]", 20);
      }
      String logged = Files.readString(log.resolve("mountscope.log"));
      assertThat(logged).contains("plugin faulty-throw failed in its panel (logged once)",
          "java.lang.IllegalStateException: faulty panel cannot draw", "io.mountscope.plugin.faulty.FaultyPanel.render(FaultyPanel.java");
      assertThat(logged.split("faulty panel cannot draw", -1)).as("the panel's trace once, not once per frame").hasSizeLessThan(4);
    }
  }
}
