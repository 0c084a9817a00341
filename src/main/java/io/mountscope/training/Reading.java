package io.mountscope.training;

import io.mountscope.model.Model;

/**
 * What the trainer sees at one tick: the node's Model (live, or the recording's at this point)
 * and the staged storm as its worker last reported it (null when no storm is staged). Answers are
 * checked against the readings taken while a question was open.
 */
public record Reading(long nanos, Model model, Storm storm) {

  /** The staged storm at this tick: its shape, the worker's pid and its latest rate. */
  public record Storm(String pattern, int layers, int threads, long workerPid, long starts, double startsPerSecond) {}
}
