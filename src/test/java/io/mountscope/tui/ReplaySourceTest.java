package io.mountscope.tui;

import static org.assertj.core.api.Assertions.assertThat;

import io.mountscope.diagnose.Diagnosis;
import io.mountscope.model.Model;
import io.mountscope.model.Sample;
import io.mountscope.tui.panel.History;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Playing a recording back: time, pause, step, seek and speed, with a clock the test turns. */
class ReplaySourceTest {
  private static final List<Sample> RECORDING = StormRecording.samples(120);
  private final AtomicLong clock = new AtomicLong(1_000_000_000L);
  private final ReplaySource replay = new ReplaySource(RECORDING, "storm.jsonl", clock::get);
  private int wakeUps;

  private ModelSource.Update after(long millis) {
    clock.addAndGet(millis * 1_000_000L);
    return replay.poll(clock.get());
  }

  private static long time(Model m) {
    return History.timeOf(m);
  }

  @Test
  void samples_come_out_as_recorded_time_passes_and_equal_the_live_models() {
    replay.start(() -> wakeUps++);
    ModelSource.Update first = after(0);
    assertThat(first.models()).hasSize(1);
    assertThat(after(999).models()).isEmpty();
    assertThat(replay.nanosUntilNext(clock.get())).isEqualTo(1_000_000L);
    ModelSource.Update next = after(1);
    assertThat(next.models()).hasSize(1);
    // Derived exactly as live: from the sample and the one before it.
    assertThat(next.models().get(0)).isEqualTo(Diagnosis.derive(RECORDING.get(1), RECORDING.get(0)));
    assertThat(after(3000).models()).hasSize(3);
    assertThat(replay.live()).isFalse();
    assertThat(replay.label()).contains("replay storm.jsonl", "5/120", "1x");
  }

  @Test
  void pause_stops_the_clock_and_play_goes_on_from_there() {
    replay.start(() -> wakeUps++);
    after(2000);
    replay.pause(true);
    assertThat(after(10_000).isEmpty()).isTrue();
    assertThat(replay.nanosUntilNext(clock.get())).isEqualTo(Long.MAX_VALUE);
    assertThat(replay.label()).contains("paused", "3/120");
    replay.pause(false);
    assertThat(after(1000).models()).hasSize(1);
    assertThat(replay.position()).isEqualTo(3);
  }

  @Test
  void step_moves_one_sample_and_back_hands_over_the_last_minute_again() {
    replay.start(() -> wakeUps++);
    after(90_000);
    assertThat(replay.position()).isEqualTo(90);
    replay.step(1);
    assertThat(replay.paused()).isTrue();
    ModelSource.Update fwd = replay.poll(clock.get());
    assertThat(fwd.reset()).isFalse();
    assertThat(fwd.models()).hasSize(1);
    replay.step(-2);
    ModelSource.Update back = replay.poll(clock.get());
    assertThat(back.reset()).isTrue();
    assertThat(time(back.models().get(back.models().size() - 1))).isEqualTo(RECORDING.get(89).timeMillis());
    assertThat(time(back.models().get(0))).isEqualTo(RECORDING.get(29).timeMillis());
    assertThat(wakeUps).isGreaterThanOrEqualTo(2);
  }

  @Test
  void seek_jumps_by_recorded_time_and_clamps_at_both_ends() {
    replay.start(() -> wakeUps++);
    after(50_000);
    replay.seekBy(-30_000);
    assertThat(replay.position()).isEqualTo(20);
    assertThat(replay.poll(clock.get()).reset()).isTrue();
    replay.seekTo(Long.MIN_VALUE);
    assertThat(replay.position()).isZero();
    replay.seekTo(Long.MAX_VALUE);
    ModelSource.Update end = replay.poll(clock.get());
    assertThat(replay.position()).isEqualTo(119);
    assertThat(replay.paused()).as("stops at the end").isTrue();
    assertThat(end.models()).hasSize(61);
    assertThat(replay.label()).contains("end");
  }

  @Test
  void speed_scales_recorded_time_and_stays_within_bounds() {
    replay.start(() -> wakeUps++);
    after(0);
    replay.speed(8);
    assertThat(after(1000).models()).hasSize(8);
    replay.speed(1000);
    assertThat(replay.speed()).isEqualTo(64);
    replay.speed(0.001);
    assertThat(replay.speed()).isEqualTo(0.125);
    assertThat(replay.interval().toMillis()).isEqualTo(1000);
  }
}
