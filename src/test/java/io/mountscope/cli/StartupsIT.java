package io.mountscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mountscope.testing.Containerd;
import io.mountscope.testing.JsonLines;
import io.mountscope.testing.Launcher;
import io.mountscope.testing.Prerequisites;
import io.mountscope.testing.TestImages;
import io.mountscope.util.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Container starts watched against a real containerd of the test's own, with starts slowed by a
 * runc wrapper so they stay in flight long enough to be seen.
 */
class StartupsIT {
  private static final String FIVE = "example.test/mountscope/five:1";
  private static final String THREE = "example.test/mountscope/three:1";
  private static Containerd containerd;

  @TempDir
  static Path work;

  @BeforeAll
  static void containerdWithTwoImages() throws Exception {
    containerd = Containerd.start();
    TestImages.importImage(containerd, work, FIVE, TestImages.busyboxLayers(5));
    TestImages.importImage(containerd, work, THREE, TestImages.busyboxLayers(3));
  }

  @AfterEach
  void removeContainers() throws Exception {
    if (!containerd.isAlive()) {
      containerd.restart(); // a test that failed between kill and restart
    }
    containerd.removeContainers();
  }

  @AfterAll
  static void stop() throws Exception {
    if (containerd != null) {
      containerd.closeLeavingNoMounts();
    }
  }

  private static List<JsonNode> inFlight(JsonNode line) {
    return StreamSupport.stream(line.get("inFlight").spliterator(), false).toList();
  }

  private static Set<String> ids(JsonNode line) {
    Set<String> ids = new HashSet<>();
    line.get("inFlight").forEach(f -> ids.add(f.get("id").asText()));
    return ids;
  }

  @Test
  void twelve_concurrent_slow_starts_are_all_seen_in_flight_with_image_and_layers_then_complete() throws Exception {
    Path slow = containerd.slowRunc(3);
    Map<String, String> imageOf = new HashMap<>();
    Map<String, Integer> layersOf = new HashMap<>();
    for (int i = 0; i < 12; i++) {
      String id = "burst-" + i;
      imageOf.put(id, i % 2 == 0 ? FIVE : THREE);
      layersOf.put(id, i % 2 == 0 ? 5 : 3);
    }
    try (JsonLines watch = JsonLines.start("startups", "--containerd", containerd.address(), "--namespace",
        containerd.namespace(), "--watch", "--json", "--interval", "0.25", "--warning", "1", "--critical", "2")) {
      watch.await(l -> l.get("containerd").get("state").asText().equals("connected"), 20, "containerd connected");
      List<Process> runs = new ArrayList<>();
      for (String id : imageOf.keySet()) {
        runs.add(containerd.runDetached(imageOf.get(id), id, slow, "/bin/busybox", "sleep", "120"));
      }

      // Every start in flight at once, each with its image and its layer count, and past both
      // thresholds: the wrapper holds each one for 3 s.
      JsonNode all = watch.await(l -> ids(l).containsAll(imageOf.keySet()) && inFlight(l).stream()
          .allMatch(f -> f.get("layers").isInt() && f.get("stuck").asText().equals("critical")), 40,
          "all 12 starts in flight with layers, stuck critical");
      for (JsonNode f : inFlight(all)) {
        String id = f.get("id").asText();
        assertThat(f.get("image").asText()).as(id).isEqualTo(imageOf.get(id));
        assertThat(f.get("layers").asInt()).as(id).isEqualTo(layersOf.get(id));
        assertThat(f.get("namespace").asText()).isEqualTo(containerd.namespace());
        assertThat(f.get("snapshotter").asText()).isEqualTo("overlayfs");
        assertThat(f.get("userns").asBoolean()).isFalse();
        assertThat(f.get("ageMillis").asLong()).isGreaterThanOrEqualTo(2000);
        assertThat(f.get("pids")).isNotEmpty();
      }
      assertThat(all.get("stuck").get("critical").asInt()).isEqualTo(12);

      JsonNode done = watch.await(l -> l.get("completed").asLong() >= 12 && ids(l).isEmpty(), 60,
          "all 12 starts completed");
      assertThat(done.get("failed").asLong()).isZero();
      assertThat(done.get("latency").get("count").asLong()).isEqualTo(12);
      assertThat(done.get("latency").get("p50Millis").asLong()).isGreaterThanOrEqualTo(3000);
      for (Process p : runs) {
        assertThat(p.waitFor()).isZero();
      }
      // ground truth: containerd says all twelve run
      String tasks = containerd.ctrOk("tasks", "list");
      assertThat(tasks.lines().filter(l -> l.contains("RUNNING")).count()).isEqualTo(12);
    }
  }

  @Test
  void opened_mid_incident_it_shows_the_starts_already_in_flight() throws Exception {
    Path slow = containerd.slowRunc(6);
    Set<String> started = Set.of("early-1", "early-2", "early-3");
    for (String id : started) {
      containerd.runDetached(FIVE, id, slow, "/bin/busybox", "sleep", "120");
    }
    Thread.sleep(1500);
    Launcher.Result r = Launcher.run("startups", "--containerd", containerd.address(), "--namespace",
        containerd.namespace(), "--json");
    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode s = Json.mapper().readTree(r.out());
    assertThat(ids(s)).containsAll(started);
    for (JsonNode f : inFlight(s)) {
      assertThat(f.get("image").asText()).isEqualTo(FIVE);
      assertThat(f.get("layers").asInt()).isEqualTo(5);
      // the age counts from containerd's creation time, not from when mountscope looked
      assertThat(f.get("ageMillis").asLong()).isGreaterThanOrEqualTo(1500);
    }
  }

  @Test
  void a_killed_containerd_shows_as_down_and_is_picked_up_when_it_returns() throws Exception {
    try (JsonLines watch = JsonLines.start("startups", "--containerd", containerd.address(), "--watch", "--json",
        "--interval", "0.25")) {
      watch.await(l -> l.get("containerd").get("state").asText().equals("connected"), 20, "connected");
      containerd.kill();
      // the stream breaks first ("event stream ended: ... transport is closing"); the retry finds the
      // socket file left behind by the crash and refusing connections
      JsonNode down = watch.await(l -> l.get("containerd").get("state").asText().equals("down")
          && l.get("containerd").get("reason").asText().contains("connection refused"), 20, "down, connection refused");
      assertThat(down.get("source").asText()).isEqualTo("process-table");

      containerd.restart();
      JsonNode back = watch.await(l -> l.get("containerd").get("state").asText().equals("connected"), 30, "connected again");
      assertThat(back.get("containerd").get("version").asText()).isNotBlank();
      containerd.runDetached(THREE, "after-restart", containerd.slowRunc(1.5), "/bin/busybox", "sleep", "120");
      watch.await(l -> ids(l).contains("after-restart"), 20, "the new start in flight");
      JsonNode done = watch.await(l -> l.get("completed").asLong() >= 1 && ids(l).isEmpty(), 30, "the new start completed");
      assertThat(done.get("recent").get(0).get("id").asText()).isEqualTo("after-restart");
    }
  }

  @Test
  void without_a_containerd_socket_starts_are_read_from_the_process_table() throws Exception {
    Path slow = containerd.slowRunc(2.5);
    try (JsonLines watch = JsonLines.start("startups", "--containerd", work.resolve("no.sock").toString(), "--namespace",
        containerd.namespace(), "--watch", "--json", "--interval", "0.25")) {
      JsonNode first = watch.await(l -> l.get("source").asText().equals("process-table"), 20, "process-table source");
      assertThat(first.get("containerd").get("state").asText()).isEqualTo("down");
      assertThat(first.get("containerd").get("reason").asText()).startsWith("no socket at ");
      Set<String> started = Set.of("pt-1", "pt-2", "pt-3");
      for (String id : started) {
        containerd.runDetached(FIVE, id, slow, "/bin/busybox", "sleep", "120");
      }
      JsonNode seen = watch.await(l -> ids(l).containsAll(started), 30, "the three starts in the process table");
      for (JsonNode f : inFlight(seen)) {
        if (started.contains(f.get("id").asText())) {
          assertThat(f.get("namespace").asText()).isEqualTo(containerd.namespace());
          assertThat(f.get("state").asText()).isIn("creating", "created");
        }
      }
      watch.await(l -> l.get("completed").asLong() >= 3 && ids(l).stream().noneMatch(started::contains), 30,
          "the three starts completed");
    }
  }

  @Test
  void permission_denied_on_the_socket_is_a_state_not_a_crash() throws Exception {
    Prerequisites.command("setpriv", "util-linux");
    Path logs = Files.createTempDirectory(work, "nobody");
    Files.setPosixFilePermissions(logs, PosixFilePermissions.fromString("rwxrwxrwx"));
    // the socket's directory is 0700, as /run/containerd is on Debian: nobody cannot even see the socket
    JsonNode closedDir = asNobody(logs);
    assertThat(closedDir.get("containerd").get("reason").asText())
        .isEqualTo("permission denied on " + containerd.address() + " (cannot enter " + containerd.socketDir() + "): run as root");
    assertThat(closedDir.get("source").asText()).isEqualTo("process-table");
    // a directory one may enter, and the socket itself (0660 root:root) refuses the connection
    Set<PosixFilePermission> before = Files.getPosixFilePermissions(containerd.socketDir());
    Files.setPosixFilePermissions(containerd.socketDir(), PosixFilePermissions.fromString("rwx--x--x"));
    try {
      JsonNode closedSocket = asNobody(logs);
      assertThat(closedSocket.get("containerd").get("state").asText()).isEqualTo("down");
      assertThat(closedSocket.get("containerd").get("reason").asText())
          .isEqualTo("permission denied on " + containerd.address() + ": run as root, or as a member of the socket's group");
    } finally {
      Files.setPosixFilePermissions(containerd.socketDir(), before);
    }
  }

  private static JsonNode asNobody(Path logs) throws IOException, InterruptedException {
    Launcher.Result r = Launcher.exec(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
        Launcher.executable().toString(), "startups", "--containerd", containerd.address(), "--json"),
        Map.of("MOUNTSCOPE_LOG_DIR", logs.toString(), "MOUNTSCOPE_STATE_DIR", logs.toString(), "HOME", logs.toString()), 60);
    assertThat(r.exitCode()).as(r.err()).isZero();
    return Json.mapper().readTree(r.out());
  }

  @Test
  void the_text_form_names_containerd_and_its_idmap_strategy() throws IOException, InterruptedException {
    Launcher.Result r = Launcher.run("startups", "--containerd", containerd.address());
    assertThat(r.exitCode()).as(r.err()).isZero();
    String version = Launcher.exec(List.of("containerd", "--version"), Map.of(), 30).out().split("\\s+")[2];
    assertThat(r.out()).contains("containerd " + version + " at " + containerd.address() + ": connected; "
        + "no idmapped mounts (containerd 1.x)").contains("starts: 0 in flight");
  }
}
