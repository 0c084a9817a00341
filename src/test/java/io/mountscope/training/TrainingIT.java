package io.mountscope.training;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mountscope.stress.Storms;
import io.mountscope.testing.KernelExclusive;
import io.mountscope.testing.Launcher;
import io.mountscope.testing.Prerequisites;
import io.mountscope.util.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A trainee at a real terminal (tmux) answers each scenario, right and wrong, and gets the score
 * the rules give (a right answer after W wrong of T tries earns points x (T - W) / T, rounded;
 * all wrong earns 0); every way a session ends leaves no storm mount, no worker, no scratch.
 */
class TrainingIT {
  private static KernelExclusive quiet;
  private static List<String> before;

  @BeforeAll
  static void holdTheMachineAndRememberTheHostTable() throws Exception {
    Prerequisites.root();
    quiet = KernelExclusive.acquire(); // the answers are measured system-wide: no other storm meanwhile
    before = Storms.hostMounts();
  }

  @AfterAll
  static void release() {
    quiet.close();
  }

  /** Every process the trainer started (the storm worker, probe helpers), taken while it runs. */
  private static List<Long> childrenOf(long java) {
    return ProcessHandle.of(java).stream().flatMap(ProcessHandle::descendants).map(ProcessHandle::pid).toList();
  }

  private static void assertNothingLeft(long java, List<Long> children, String after) throws Exception {
    Storms.await(() -> !Storms.alive(java), 20, "the trainer's JVM to end");
    for (long c : children) {
      Storms.await(() -> !Storms.alive(c), 20, "the trainer's child " + c + " to end after " + after);
    }
    assertThat(Storms.hostMounts()).as("host mount table after " + after).isEqualTo(before);
    assertThat(Storms.scratchLeftBy(java)).as("scratch directories after " + after).isEmpty();
  }

  private static JsonNode lastSession(String user) throws Exception {
    Launcher.Result r = Launcher.run("train", "progress", "--user", user, "--json");
    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode sessions = Json.mapper().readTree(r.out()).get("sessions");
    return sessions.get(sessions.size() - 1);
  }

  /** Waits for the storm's threads, then returns every child of the trainer. */
  private static List<Long> workerOf(long java) throws Exception {
    Storms.awaitStorm(java, 60);
    return childrenOf(java);
  }

  @Test
  void recognising_contention_one_wrong_guess_at_the_hottest_lock_costs_a_third_of_its_points() throws Exception {
    String user = "it-contention-" + ProcessHandle.current().pid();
    try (TrainingSession t = TrainingSession.start("mount-lock-contention", user)) {
      t.answer("not_a_kernel_symbol");
      TrainingSession.Live live = t.show();
      t.answer(live.topCaller());
      long java = t.javaPid();
      List<Long> worker = workerOf(java);
      t.answer(t.show().topSymbol());
      t.answer(Integer.toString(t.show().topSpinNode()));
      t.answer(t.show().nextRecipe());
      String end = t.awaitExit(60);
      assertThat(end).contains("32 of 35 points").contains("What a senior engineer would have done").contains("[exited 0]");
      assertNothingLeft(java, worker, "a completed session");
    }
    JsonNode s = lastSession(user);
    assertThat(s.get("outcome").asText()).isEqualTo("completed");
    assertThat(s.get("score").asLong()).isEqualTo(32);
    assertThat(s.get("questions").get(0).get("wrongAnswers").asInt()).isEqualTo(1);
    assertThat(s.get("questions").get(0).get("points").asLong()).isEqualTo(7);
  }

  @Test
  void choosing_the_fix_from_measured_syscalls_per_start_and_idmaps_per_mount() throws Exception {
    String user = "it-choose-" + ProcessHandle.current().pid();
    try (TrainingSession t = TrainingSession.start("choose-the-fix", user)) {
      TrainingSession.Live live = t.show();
      double perStart = live.syscallsPerStart();
      // 12 layers idmapped one by one: four syscalls per layer and a few for the overlay, measured.
      assertThat(perStart).isBetween(40.0, 60.0);
      t.answer(TrainingSession.Live.format(perStart));
      live = t.show();
      double idmaps = live.rateOf("mount_setattr") / live.rateOf("mount");
      t.answer(TrainingSession.Live.format(idmaps));
      long java = t.javaPid();
      List<Long> worker = workerOf(java);
      live = t.show();
      // the scenario's rule, applied to what the trainee sees: layers idmapped one by one -> the idmap strategy
      String right = live.rateOf("mount_setattr") / Math.max(1e-9, live.rateOf("mount")) >= 2 ? "idmap-strategy"
          : live.syscallsPerStart() >= 40 ? "image-layers" : "concurrency-knee";
      for (String c : List.of("image-layers", "idmap-strategy", "concurrency-knee")) {
        if (!c.equals(right)) {
          t.answer(c);
        }
      }
      t.answer(right);
      String end = t.awaitExit(60);
      // 10 + 10 right at once; the choice right at the third of three tries: 15 x 1/3.
      assertThat(end).contains("25 of 35 points").contains("[exited 0]");
      assertNothingLeft(java, worker, "a completed session");
    }
    assertThat(lastSession(user).get("score").asLong()).isEqualTo(25);
  }

  @Test
  void a_healthy_node_is_not_this_incident_and_all_wrong_recipes_score_nothing() throws Exception {
    String user = "it-healthy-" + ProcessHandle.current().pid();
    try (TrainingSession t = TrainingSession.start("healthy-node", user)) {
      TrainingSession.Live live = t.show();
      t.answer(TrainingSession.Live.format(live.totalRate()));
      live = t.show();
      String right = live.incident().equals("yes") ? "this incident: mount-lock contention" : "not this incident";
      t.answer(right.startsWith("not") ? "1" : "2"); // the other choice, by its number
      t.answer(t.show().incident().equals("yes") ? "this incident" : "not this incident");
      String next = t.show().nextRecipe();
      for (String wrong : List.of("smt-toggle", "sysctl-tuning", "mountinfo-cost", "numa-placement")
          .stream().filter(r -> !r.equals(next)).limit(3).toList()) {
        t.answer(wrong);
      }
      long java = t.javaPid();
      List<Long> children = childrenOf(java);
      String end = t.awaitExit(60);
      assertThat(end).contains("the answer was " + next).contains("12 of 25 points").contains("[exited 0]");
      assertNothingLeft(java, children, "a session with nothing staged");
    }
    JsonNode s = lastSession(user);
    assertThat(s.get("score").asLong()).isEqualTo(12);
    assertThat(s.get("questions").get(2).get("right").asBoolean()).isFalse();
  }

  @Test
  void a_replayed_storm_is_read_like_a_live_one() throws Exception {
    String user = "it-replay-" + ProcessHandle.current().pid();
    try (TrainingSession t = TrainingSession.start("demo-storm", user)) {
      t.answer(t.show().topCaller());
      t.answer(t.show().nextRecipe());
      assertThat(t.awaitExit(60)).contains("20 of 20 points").contains("[exited 0]");
    }
    assertThat(lastSession(user).get("score").asLong()).isEqualTo(20);
  }

  /** Starts a storm scenario, sends {@code key} at the first question, and checks the end. */
  private static void endAtTheFirstQuestion(String key, String exit, String outcome) throws Exception {
    String user = "it-" + outcome + "-" + ProcessHandle.current().pid();
    try (TrainingSession t = TrainingSession.start("mount-lock-contention", user)) {
      t.awaitPrompt();
      long java = t.javaPid();
      List<Long> worker = workerOf(java);
      t.tmux().send(key);
      assertThat(t.awaitExit(30)).contains("[exited " + exit + "]");
      assertNothingLeft(java, worker, key);
    }
    assertThat(lastSession(user).get("outcome").asText()).isEqualTo(outcome);
  }

  @Test
  void ctrl_c_at_a_question_stops_the_storm_and_records_the_session_as_interrupted() throws Exception {
    endAtTheFirstQuestion("C-c", "130", "interrupted");
  }

  @Test
  void ctrl_d_ends_the_session_as_abandoned_with_exit_1() throws Exception {
    endAtTheFirstQuestion("C-d", "1", "abandoned");
  }

  @Test
  void sigterm_and_kill_9_of_the_trainer_take_the_storm_with_them() throws Exception {
    for (String signal : List.of("TERM", "KILL")) {
      try (TrainingSession t = TrainingSession.start("mount-lock-contention", "it-" + signal.toLowerCase())) {
        t.awaitPrompt();
        long java = t.javaPid();
        List<Long> worker = workerOf(java);
        Storms.kill(java, signal);
        assertThat(t.awaitExit(30)).contains(signal.equals("TERM") ? "[exited 143]" : "[exited 137]");
        assertNothingLeft(java, worker, "SIG" + signal);
      }
      if (signal.equals("TERM")) {
        JsonNode s = lastSession("it-term");
        assertThat(s.get("outcome").asText()).isEqualTo("interrupted");
        assertThat(Instant.parse(s.get("endedAt").asText())).isAfter(Instant.now().minusSeconds(60));
      }
    }
  }

  @Test
  void train_is_a_console_command_and_ctrl_d_at_its_question_returns_to_the_console() throws Exception {
    String user = "it-console-" + ProcessHandle.current().pid();
    try (io.mountscope.testing.Tmux t = io.mountscope.testing.Tmux.start(160, 60, "xterm-256color",
        Launcher.executable() + " console")) {
      t.awaitText("mountscope>", 30);
      t.type("train start healthy-node --user " + user);
      t.send("Enter");
      t.await(s -> s.lines().anyMatch(l -> l.startsWith("answer>")), 60, "the first question");
      t.send("C-d");
      t.await(s -> s.contains("input ended") && s.contains("mountscope [1]>"), 30, "the console again, exit 1");
      t.type("exit");
      t.send("Enter");
      assertThat(t.awaitText("[exited", 20)).contains("[exited 0]");
    }
    assertThat(lastSession(user).get("outcome").asText()).isEqualTo("abandoned");
  }

  @Test
  void scripted_answers_score_in_json_and_the_trainer_exports_every_user(@TempDir Path dir) throws Exception {
    Path answers = dir.resolve("answers.yaml");
    Files.writeString(answers, "hottest-lock: [no_such_symbol, still_wrong]\nnext-recipe: sysctl-tuning\n");
    Launcher.Result r = Launcher.run(Map.of(), 120, "train", "start", "demo-storm", "--answers", answers.toString(),
        "--user", "it-scripted", "--json");
    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode s = Json.mapper().readTree(r.out());
    assertThat(s.get("scenario").asText()).isEqualTo("demo-storm");
    assertThat(s.get("maxScore").asLong()).isEqualTo(20);
    JsonNode lock = s.get("questions").get(0);
    assertThat(lock.get("answers").size()).isEqualTo(2);
    assertThat(lock.get("points").asLong()).isZero();
    assertThat(lock.get("expected").asText()).isNotBlank();
    assertThat(r.err()).contains("What a senior engineer would have done");
    long expectedScore = s.get("questions").get(1).get("expected").asText().equals("sysctl-tuning") ? 10 : 0;
    assertThat(s.get("score").asLong()).isEqualTo(expectedScore);

    Path out = dir.resolve("export.json");
    Launcher.Result e = Launcher.run("train", "export", "-o", out.toString());
    assertThat(e.exitCode()).as(e.err()).isZero();
    JsonNode users = Json.mapper().readTree(Files.readString(out)).get("users");
    assertThat(users.findValuesAsText("user")).contains("it-scripted");
  }

  @Test
  void a_broken_scenario_is_one_line_with_file_and_line_and_exit_2(@TempDir Path dir) throws Exception {
    Path bad = dir.resolve("bad.yaml");
    Files.writeString(bad, "title: t\ndescription: d\nexplanation: e\nsenior: s\nquestions:\n  - id: q\n    prompt: p\n"
        + "    kind: symbol\n    answer: \"{locks.topCallr}\"\n");
    Launcher.Result r = Launcher.run("train", "start", bad.toString(), "--answers", bad.toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.errLines()).hasSize(1);
    assertThat(r.err()).contains(bad + ":9: question q: answer: unknown name 'locks.topCallr'");

    Path answers = dir.resolve("a.yaml");
    Files.writeString(answers, "hottest-lock: x\nno-such-question: y\n");
    Launcher.Result a = Launcher.run("train", "start", "mount-lock-contention", "--answers", answers.toString());
    assertThat(a.exitCode()).isEqualTo(2);
    assertThat(a.err()).contains(answers + ":2: no question 'no-such-question'");
  }
}
