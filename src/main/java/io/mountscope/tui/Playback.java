package io.mountscope.tui;

/** Controls of a recording being replayed: pause, step, seek and speed. */
public interface Playback {
  boolean paused();

  void pause(boolean paused);

  /** Pauses and moves by {@code samples} (negative: back). */
  void step(int samples);

  /** Moves the position by {@code millis} of recorded time (negative: back). */
  void seekBy(long millis);

  /** Moves to the last sample at or before {@code epochMillis}. */
  void seekTo(long epochMillis);

  /** Replay speed, 1 = real time. */
  double speed();

  /** Sets the speed, kept between 1/8 and 64. */
  void speed(double factor);

  /** Index of the sample shown (0-based) and how many there are. */
  int position();

  int size();
}
