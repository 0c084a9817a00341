package io.mountscope.tui;

import io.mountscope.diagnose.Diagnosis;
import io.mountscope.model.Model;
import io.mountscope.model.Sample;
import io.mountscope.tui.panel.History;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * A recording played back: the Samples are turned into Models exactly as live (each with the one
 * before it), released as recorded time passes at the chosen speed. Pause, step, seek and speed
 * are the {@link Playback} controls; after a jump back the last 60 s are handed over again so the
 * sparklines show the recording's past, not the moment before the jump. The list may be lazy (a
 * file index), it is read by position only.
 */
public final class ReplaySource implements ModelSource, Playback {
  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);
  private final List<Sample> samples;
  private final String name;
  private final LongSupplier clock;
  private Runnable wakeUp = () -> {};
  private int delivered = -1;
  private int target = -1;
  private boolean reset;
  private boolean paused;
  private double speed = 1;
  private long anchorNanos;
  private long anchorMillis;
  private boolean started;

  /** Replays {@code samples} (oldest first) under {@code name}, e.g. the file name. */
  public ReplaySource(List<Sample> samples, String name) {
    this(samples, name, System::nanoTime);
  }

  /** With a clock of its own, for tests that drive time. */
  public ReplaySource(List<Sample> samples, String name, LongSupplier nanoClock) {
    if (samples.isEmpty()) {
      throw new IllegalArgumentException("a replay needs at least one sample");
    }
    this.samples = samples;
    this.name = name;
    this.clock = nanoClock;
  }

  @Override
  public synchronized void start(Runnable wakeUp) {
    this.wakeUp = wakeUp;
    if (!started) {
      started = true;
      anchor(clock.getAsLong(), time(0));
    }
  }

  @Override
  public synchronized Update poll(long nowNanos) {
    if (!paused) {
      long position = positionMillis(nowNanos);
      while (target + 1 < samples.size() && time(target + 1) <= position) {
        target++;
      }
      if (target == samples.size() - 1) {
        paused = true; // the end: stay on the last frame
      }
    }
    if (target == delivered && !reset) {
      return Update.NONE;
    }
    List<Model> out = new ArrayList<>();
    int from = delivered + 1;
    if (reset || target < delivered) {
      from = target;
      long start = time(target) - History.WINDOW_MILLIS;
      while (from > 0 && time(from - 1) >= start) {
        from--;
      }
    }
    for (int i = Math.max(0, from); i <= target; i++) {
      out.add(model(i));
    }
    boolean wasReset = reset || target < delivered;
    reset = false;
    delivered = target;
    return new Update(wasReset, out);
  }

  @Override
  public synchronized long nanosUntilNext(long nowNanos) {
    if (paused || target + 1 >= samples.size()) {
      return Long.MAX_VALUE;
    }
    double millis = (time(target + 1) - positionMillis(nowNanos)) / speed;
    return Math.max(0, (long) (millis * 1e6));
  }

  @Override
  public boolean live() {
    return false;
  }

  @Override
  public synchronized String label() {
    String state = paused ? (target == samples.size() - 1 ? "end" : "paused") : speedText() + "x";
    return "replay " + name + " " + CLOCK.format(Instant.ofEpochMilli(time(Math.max(0, target)))) + " "
        + (Math.max(0, target) + 1) + "/" + samples.size() + " " + state;
  }

  @Override
  public Duration interval() {
    if (samples.size() < 2) {
      return Duration.ofSeconds(1);
    }
    return Duration.ofMillis(Math.max(1, (time(samples.size() - 1) - time(0)) / (samples.size() - 1)));
  }

  @Override
  public Playback playback() {
    return this;
  }

  @Override
  public synchronized boolean paused() {
    return paused;
  }

  @Override
  public synchronized void pause(boolean p) {
    long now = clock.getAsLong();
    if (!p && target == samples.size() - 1) {
      target = 0; // play at the end starts over
      reset = true;
    }
    anchor(now, p ? positionMillis(now) : time(Math.max(0, target)));
    paused = p;
    wakeUp.run();
  }

  @Override
  public synchronized void step(int n) {
    paused = true;
    target = Math.max(0, Math.min(samples.size() - 1, Math.max(0, target) + n));
    wakeUp.run();
  }

  @Override
  public synchronized void seekBy(long millis) {
    seekTo(time(Math.max(0, target)) + millis);
  }

  @Override
  public synchronized void seekTo(long epochMillis) {
    int i = 0;
    while (i + 1 < samples.size() && time(i + 1) <= epochMillis) {
      i++;
    }
    target = i;
    reset = true;
    anchor(clock.getAsLong(), time(i));
    wakeUp.run();
  }

  @Override
  public synchronized double speed() {
    return speed;
  }

  @Override
  public synchronized void speed(double factor) {
    long now = clock.getAsLong();
    anchor(now, positionMillis(now));
    speed = Math.max(0.125, Math.min(64, factor));
    wakeUp.run();
  }

  @Override
  public synchronized int position() {
    return Math.max(0, target);
  }

  @Override
  public int size() {
    return samples.size();
  }

  private long positionMillis(long nowNanos) {
    if (paused) {
      return anchorMillis;
    }
    return anchorMillis + (long) ((nowNanos - anchorNanos) / 1e6 * speed);
  }

  private void anchor(long nowNanos, long millis) {
    anchorNanos = nowNanos;
    anchorMillis = millis;
  }

  private long time(int i) {
    return samples.get(i).timeMillis();
  }

  private Model model(int i) {
    return Diagnosis.derive(samples.get(i), i == 0 ? null : samples.get(i - 1));
  }

  private String speedText() {
    return speed >= 1 ? String.format(Locale.US, "%.0f", speed) : String.format(Locale.US, "%.3g", speed);
  }
}
