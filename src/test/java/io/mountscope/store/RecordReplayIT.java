package io.mountscope.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mountscope.testing.Background;
import io.mountscope.testing.KernelExclusive;
import io.mountscope.testing.Launcher;
import io.mountscope.testing.Prerequisites;
import io.mountscope.testing.Tmux;
import io.mountscope.util.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * record and replay with the real launcher: ten seconds of a real storm recorded with the real
 * probes replay as exactly the Models shown live; a killed recorder, a cut file and a rotated
 * recording replay what they hold; the demo plays for a user with no privilege at all.
 */
class RecordReplayIT {
  @TempDir
  static Path dir;
  static Path storm;
  static List<String> live;
  static JsonNode stormResult;
  static Path rotated;
  static List<String> rotatedShown;
  static String rotatedSummary;

  /** Ten seconds of an idmap-per-layer storm, recorded while it runs; --json prints the Models live. */
  @BeforeAll
  static void recordTenSecondsOfAStorm() throws Exception {
    Prerequisites.root();
    storm = dir.resolve("storm.jsonl.gz");
    rotated = dir.resolve("rotated.jsonl.gz");
    Launcher.Result rec;
    try (KernelExclusive quiet = KernelExclusive.acquire();
        Background stress = Background.launcher(Map.of(), "stress", "--pattern", "idmap-per-layer", "--layers", "20",
            "--threads", "2", "--duration", "14", "--warmup", "0.2", "--json")) {
      Thread.sleep(1500); // the worker's JVM starts; the storm is on before the first sample
      // Beside it, a recorder that must rotate: ten samples a second into files of 64K, keeping one old one.
      try (Background rotating = Background.launcher(Map.of(), "record", "-o", rotated.toString(), "--seconds", "10",
          "--interval", "0.1", "--max-bytes", "64K", "--keep", "1", "--json")) {
        rec = Launcher.run(Map.of(), 90, "record", "-o", storm.toString(), "--seconds", "10", "--json");
        assertThat(rotating.await(60)).as(rotating.err()).isZero();
        rotatedShown = rotating.out().lines().toList();
        rotatedSummary = rotating.err();
      }
      assertThat(stress.await(60)).as(stress.err()).isZero();
      stormResult = Json.mapper().readTree(stress.out());
    }
    assertThat(rec.exitCode()).as(rec.err()).isZero();
    assertThat(rec.err()).contains("recording to " + storm + " every 1s for 10s",
        "recorded 11 samples over ");
    live = rec.out().lines().toList();
  }

  static List<String> replayJson(Path file, Launcher.Result[] holder) throws Exception {
    Launcher.Result r = Launcher.run("replay", file.toString(), "--json");
    holder[0] = r;
    return r.out().lines().toList();
  }

  @Test
  void ten_seconds_of_a_storm_replay_as_exactly_the_models_shown_live() throws Exception {
    assertThat(live).hasSize(11);
    Launcher.Result[] r = new Launcher.Result[1];
    assertThat(replayJson(storm, r)).isEqualTo(live);
    assertThat(r[0].exitCode()).isZero();
    assertThat(r[0].err()).isEmpty();
    // What was live was the storm: the exact counters saw its open_tree calls, one per layer per start.
    JsonNode first = Json.mapper().readTree(live.get(0));
    JsonNode last = Json.mapper().readTree(live.get(10));
    long openTrees = last.at("/mountActivity/counters/open_tree").asLong() - first.at("/mountActivity/counters/open_tree").asLong();
    assertThat(openTrees).isGreaterThan(10_000);
    assertThat(openTrees).isLessThanOrEqualTo(stormResult.at("/syscalls/open_tree").asLong()
        + stormResult.at("/setupSyscalls/open_tree").asLong() + 1_000_000 /* other tenants of this machine */);
    assertThat(Json.mapper().readTree(live.get(5)).at("/mountActivity/rates/open_tree").asDouble()).isGreaterThan(1000);
    // Sample times one second apart, as recorded.
    assertThat(java.time.Duration.between(java.time.Instant.parse(first.get("time").asText()),
        java.time.Instant.parse(last.get("time").asText())).toMillis()).isBetween(9_500L, 12_000L);
  }

  @Test
  void a_file_cut_in_the_middle_of_a_sample_replays_the_samples_before_it_and_says_where_it_stopped() throws Exception {
    byte[] whole = Files.readAllBytes(storm);
    List<Long> starts = RecordingTest.memberStarts(whole);
    long sixth = starts.get(6); // member 0 is the header
    Path cut = dir.resolve("cut.jsonl.gz");
    Files.write(cut, Arrays.copyOf(whole, (int) (sixth + (starts.get(7) - sixth) / 2)));
    Launcher.Result[] r = new Launcher.Result[1];
    assertThat(replayJson(cut, r)).isEqualTo(live.subList(0, 5));
    assertThat(r[0].exitCode()).isZero();
    assertThat(r[0].err()).isEqualTo(String.format("mountscope replay: stopped at sample 6 (byte %,d of %s): unexpected "
        + "end of gzip stream%n", sixth, cut));

    Path garbage = dir.resolve("garbage.jsonl.gz");
    byte[] flipped = whole.clone();
    flipped[(int) starts.get(3).longValue() + 40] ^= 0x5a;
    Files.write(garbage, flipped);
    assertThat(replayJson(garbage, r)).isEqualTo(live.subList(0, 2));
    assertThat(r[0].err()).startsWith(String.format("mountscope replay: stopped at sample 3 (byte %,d of %s): ",
        starts.get(3), garbage));
  }

  @Test
  void a_recorder_killed_with_sigkill_leaves_every_sample_it_wrote_readable() throws Exception {
    Prerequisites.root();
    Path file = dir.resolve("killed.jsonl.gz");
    List<String> printed;
    try (Background rec = Background.launcher(Map.of(), "record", "-o", file.toString(), "--interval", "0.5", "--json")) {
      long deadline = System.nanoTime() + 60_000_000_000L;
      while (rec.out().lines().count() < 4 && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      assertThat(rec.kill()).isEqualTo(137);
      printed = rec.out().lines().toList();
    }
    assertThat(printed.size()).isGreaterThanOrEqualTo(4);
    Launcher.Result[] r = new Launcher.Result[1];
    List<String> replayed = replayJson(file, r);
    assertThat(r[0].exitCode()).isZero();
    // A sample is written before its Model is printed: the file holds at least what was shown.
    assertThat(replayed.size()).isBetween(printed.size(), printed.size() + 1);
    assertThat(replayed.subList(0, printed.size())).isEqualTo(printed);
  }

  @Test
  void a_recording_past_max_bytes_rotates_and_replays_its_newest_parts_in_order() throws Exception {
    Path file = rotated;
    List<String> shown = rotatedShown;
    assertThat(shown).hasSize(101);
    Matcher parts = java.util.regex.Pattern.compile(", (\\d+) parts; ").matcher(rotatedSummary);
    assertThat(parts.find()).as(rotatedSummary).isTrue();
    assertThat(Integer.parseInt(parts.group(1))).as("rotated past what --keep 1 keeps").isGreaterThanOrEqualTo(3);
    assertThat(Files.exists(dir.resolve("rotated.jsonl.gz.1"))).isTrue();
    assertThat(Files.exists(dir.resolve("rotated.jsonl.gz.2"))).isFalse();
    for (String f : List.of("rotated.jsonl.gz", "rotated.jsonl.gz.1")) {
      assertThat(Files.size(dir.resolve(f))).isLessThanOrEqualTo(64 * 1024);
    }
    Launcher.Result[] r = new Launcher.Result[1];
    List<String> replayed = replayJson(file, r);
    assertThat(replayed).isNotEmpty();
    // The oldest parts are gone; the first sample kept has no previous one, so its rates restart at zero.
    List<String> tail = shown.subList(shown.size() - replayed.size(), shown.size());
    assertThat(replayed.subList(1, replayed.size())).isEqualTo(tail.subList(1, tail.size()));
  }

  @Test
  void the_dashboard_plays_a_recording_under_a_not_live_banner_and_says_where_a_cut_one_stopped() throws Exception {
    try (Tmux t = Tmux.start(132, 40, "xterm-256color", Launcher.executable() + " replay " + storm + " --speed 8")) {
      t.awaitText("REPLAY - NOT LIVE: replay storm.jsonl.gz", 30);
      t.send("space");
      t.await(s -> s.contains("paused"), 10, "paused");
      t.send("g");
      t.await(s -> s.contains(" 1/11 "), 10, "back at the first sample");
      t.send(".");
      t.await(s -> s.contains(" 2/11 "), 10, "one step forward");
      t.send("q");
      t.awaitText("[exited 0]", 15);
    }
    Path cut = dir.resolve("cut-for-dashboard.jsonl.gz");
    byte[] whole = Files.readAllBytes(storm);
    Files.write(cut, Arrays.copyOf(whole, whole.length - 10));
    try (Tmux t = Tmux.start(132, 40, "xterm-256color", Launcher.executable() + " replay " + cut)) {
      t.awaitText("replay cut-for-dashboard.jsonl.gz (cut)", 30);
      t.send("q");
      String after = t.awaitText("[exited 0]", 15);
      assertThat(after).contains("mountscope replay: stopped at sample 11 (byte");
    }
  }

  @Test
  void the_demo_plays_for_a_user_without_any_privilege() throws Exception {
    Prerequisites.root(); // to become nobody
    Path setpriv = Prerequisites.command("setpriv", "util-linux");
    Path home = Files.createTempDirectory("ms-nobody-");
    Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxrwxrwx"));
    List<String> asNobody = new ArrayList<>(List.of(setpriv.toString(), "--reuid=65534", "--regid=65534", "--clear-groups",
        "--inh-caps=-all", "--bounding-set=-all", "--no-new-privs", "env", "HOME=" + home,
        "MOUNTSCOPE_LOG_DIR=" + home.resolve("log"), "MOUNTSCOPE_STATE_DIR=" + home.resolve("state")));
    List<String> json = new ArrayList<>(asNobody);
    json.addAll(List.of(Launcher.executable().toString(), "replay", "--demo", "--json"));
    Launcher.Result r = Launcher.exec(json, Map.of(), 120);
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.err()).isEmpty();
    List<String> models = r.out().lines().toList();
    assertThat(models.size()).isGreaterThan(60);
    // The demo is a storm: the mount syscall rate climbs into the tens of thousands per second.
    double peak = 0;
    for (String m : models) {
      peak = Math.max(peak, Json.mapper().readTree(m).at("/mountActivity/totalRate").asDouble());
    }
    assertThat(peak).isGreaterThan(10_000);

    String dashboard = String.join(" ", asNobody) + " " + Launcher.executable() + " replay --demo --speed 16";
    try (Tmux t = Tmux.start(132, 40, "xterm-256color", dashboard)) {
      t.awaitText("REPLAY - NOT LIVE: replay demo", 30);
      t.await(s -> s.contains("Mount activity") && s.contains("Startups"), 10, "the panels");
      t.send("q");
      t.awaitText("[exited 0]", 15);
    }
  }

  @Test
  void a_full_disk_ends_the_recording_with_one_line_and_the_file_replays_what_it_holds() throws Exception {
    Prerequisites.root();
    Path unshare = Prerequisites.command("unshare", "util-linux");
    Path full = Files.createDirectories(dir.resolve("full"));
    Path kept = dir.resolve("full-disk.jsonl.gz");
    // A 128K tmpfs in a mount namespace of the test's own (gone with it): the disk fills after a few samples.
    String script = "mount -t tmpfs -o size=128k mountscope-test-full " + full + " && " + Launcher.executable()
        + " record -o " + full.resolve("rec.jsonl.gz") + " --interval 0.2 --json; code=$?; cp "
        + full.resolve("rec.jsonl.gz") + " " + kept + "; exit $code";
    Launcher.Result r = Launcher.exec(List.of(unshare.toString(), "--mount", "--propagation", "private", "sh", "-c", script),
        Map.of(), 120);
    assertThat(r.exitCode()).as(r.err()).isEqualTo(3);
    List<String> errLines = r.errLines().stream().filter(l -> !l.startsWith("recording to ")).toList();
    assertThat(errLines).hasSize(1);
    assertThat(errLines.get(0)).startsWith("mountscope record: cannot write " + full.resolve("rec.jsonl.gz") + " after ")
        .contains("No space left on device", "every sample before is in it", "free space on its filesystem");
    List<String> shown = r.out().lines().toList();
    assertThat(shown).isNotEmpty();
    Launcher.Result[] replay = new Launcher.Result[1];
    assertThat(replayJson(kept, replay)).isEqualTo(shown);
    assertThat(replay[0].exitCode()).isZero();
    assertThat(replay[0].err()).as("the sample that did not fit is not in the file at all").isEmpty();
  }

  @Test
  void mistakes_are_one_line_and_exit_2() throws Exception {
    Launcher.Result exists = Launcher.run("record", "-o", storm.toString(), "--seconds", "1");
    assertThat(exists.exitCode()).isEqualTo(2);
    assertThat(exists.err()).isEqualTo("mountscope record: " + storm + " exists: choose another file, or --force to "
        + "replace it\n");
    Launcher.Result small = Launcher.run("record", "-o", dir.resolve("x.gz").toString(), "--max-bytes", "1K");
    assertThat(small.exitCode()).isEqualTo(2);
    assertThat(small.err()).isEqualTo("mountscope record: --max-bytes 1024: at least 65536 (64K) per file\n");
    Launcher.Result missing = Launcher.run("replay", dir.resolve("nope.jsonl.gz").toString());
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err()).isEqualTo("mountscope replay: " + dir.resolve("nope.jsonl.gz") + ": no such file\n");
    Launcher.Result both = Launcher.run("replay", storm.toString(), "--demo");
    assertThat(both.exitCode()).isEqualTo(2);
    assertThat(both.err()).isEqualTo("mountscope replay: give FILE or --demo, not both\n");
    Path text = Files.writeString(dir.resolve("notes.txt"), "hello\n");
    Launcher.Result notRec = Launcher.run("replay", text.toString(), "--json");
    assertThat(notRec.exitCode()).isEqualTo(2);
    assertThat(notRec.err()).isEqualTo("mountscope replay: " + text + ": not a mountscope recording (not a gzip member "
        + "(bytes 0x68 0x65))\n");
  }
}
