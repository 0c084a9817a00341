package io.mountscope.stress;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mountscope.testing.Background;
import io.mountscope.testing.KernelExclusive;
import io.mountscope.testing.Launcher;
import io.mountscope.testing.Prerequisites;
import io.mountscope.util.Json;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * No storm outlives its run: after SIGTERM, kill -9 of the worker, kill -9 of the launcher, and
 * for host-namespace storms a crash of both, the host's mount table is what it was before.
 */
class StressCleanupIT {
  private KernelExclusive quiet;
  private List<String> before;

  @BeforeEach
  void holdTheMachineAndRememberTheHostTable() throws Exception {
    Prerequisites.root();
    quiet = KernelExclusive.acquire();
    before = Storms.hostMounts();
  }

  @AfterEach
  void release() {
    quiet.close();
  }

  /** The host's table is as before, the launcher's scratch directory is gone, the journal is settled. */
  private void assertNothingLeft(Background run, String after) throws Exception {
    assertThat(Storms.hostMounts()).as("host mount table after " + after).isEqualTo(before);
    assertThat(Storms.scratchLeftBy(run.pid())).as("scratch directories after " + after).isEmpty();
    assertThat(Launcher.run("recover").out()).as("recover after " + after).startsWith("nothing to recover");
  }

  private static Background storm(String namespace) throws Exception {
    return Storms.start("stress", "--pattern", "idmap-per-layer", "--layers", "8", "--threads", "2", "--duration", "60",
        "--warmup", "0", "--namespace", namespace, "--yes");
  }

  @Test
  void sigterm_to_the_launcher_stops_the_worker_reports_what_it_measured_and_leaves_no_mount() throws Exception {
    Background run = storm("private");
    long worker = Storms.awaitStorm(run.pid(), 30);
    Thread.sleep(500);
    Storms.kill(run.pid(), "TERM");
    assertThat(run.await(30)).isEqualTo(143);
    assertThat(Storms.alive(worker)).isFalse();
    assertThat(run.out()).contains("(interrupted)").containsPattern("starts +[1-9]\\d* in");
    assertNothingLeft(run, "SIGTERM");
  }

  @Test
  void kill_9_of_the_worker_is_reported_in_one_line_and_leaves_no_mount() throws Exception {
    Background run = storm("private");
    long worker = Storms.awaitStorm(run.pid(), 30);
    Storms.kill(worker, "KILL");
    assertThat(run.await(30)).isEqualTo(4);
    assertThat(run.err().lines().toList()).containsExactly("mountscope stress: the stress worker (pid " + worker
        + ") was killed by SIGKILL before it reported a result; no mount was left behind");
    assertNothingLeft(run, "kill -9 of the worker");
  }

  @Test
  void kill_9_of_the_launcher_takes_the_worker_with_it_and_leaves_no_mount() throws Exception {
    Background run = storm("private");
    long worker = Storms.awaitStorm(run.pid(), 30);
    Storms.kill(run.pid(), "KILL");
    Storms.await(() -> !Storms.alive(worker), 15, "the worker to die with its parent (PR_SET_PDEATHSIG)");
    assertNothingLeft(run, "kill -9 of the launcher");
  }

  @Test
  void a_host_storm_is_seen_by_host_readers_while_it_runs_and_gone_after_a_normal_end() throws Exception {
    Background run = Storms.start("stress", "--pattern", "idmap-common-parent", "--layers", "5", "--threads", "2",
        "--duration", "2", "--warmup", "0", "--namespace", "host", "--yes", "--json");
    Storms.awaitStorm(run.pid(), 30);
    Storms.await(() -> hostRows().stream().anyMatch(r -> r.contains("/mountscope-stress." + run.pid() + ".") && r.contains(" tmpfs ")),
        10, "the storm's tmpfs in the host's mountinfo");
    assertThat(run.await(60)).as(run.err()).isZero();
    JsonNode r = Json.mapper().readTree(run.out());
    assertThat(r.get("namespace").asText()).isEqualTo("host");
    assertThat(r.get("starts").asLong()).isPositive();
    assertNothingLeft(run, "a host storm");
  }

  @Test
  void kill_9_of_the_launcher_of_a_host_storm_lets_the_worker_undo_its_mounts() throws Exception {
    Background run = storm("host");
    long worker = Storms.awaitStorm(run.pid(), 30);
    Storms.kill(run.pid(), "KILL");
    Storms.await(() -> !Storms.alive(worker), 15, "the worker to clean up and die with its parent");
    assertNothingLeft(run, "kill -9 of a host storm's launcher");
  }

  @Test
  void after_a_crash_of_launcher_and_worker_recover_removes_the_host_mounts_they_left() throws Exception {
    Background run = storm("host");
    long worker = Storms.awaitStorm(run.pid(), 30);
    Storms.await(() -> hostRows().stream().filter(r -> r.contains("/mountscope-stress." + run.pid() + ".")).count() > 1,
        10, "storm mounts in the host's table");
    // Freeze the worker so that the launcher's death cannot make it clean up, then kill both: a node crash.
    Storms.kill(worker, "STOP");
    Storms.kill(run.pid(), "KILL");
    Storms.kill(worker, "KILL");
    Storms.await(() -> !Storms.alive(worker) && !Storms.alive(run.pid()), 15, "both processes to be gone");
    assertThat(hostRows()).as("what the crash left").anyMatch(r -> r.contains("/mountscope-stress." + run.pid() + "."));

    Launcher.Result rec = Launcher.run("recover", "--json");
    assertThat(rec.exitCode()).as(rec.err()).isZero();
    JsonNode doc = Json.mapper().readTree(rec.out());
    assertThat(doc.get("failed").size()).isZero();
    assertThat(doc.get("undone").size()).isGreaterThan(2);
    assertThat(doc.get("undone").findValuesAsText("target")).allMatch(t -> t.startsWith("/run/mountscope-stress." + run.pid() + "."));
    assertNothingLeft(run, "recover after a crash");
  }

  private static List<String> hostRows() {
    try {
      return Storms.hostMounts();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
