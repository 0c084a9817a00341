package io.mountscope.gate;

import io.mountscope.containerd.IdmapStrategy;
import io.mountscope.util.InputException;

/**
 * What an image must stay within: layers, mount syscalls per user-namespaced start under the
 * {@code idmap} strategy of the containerd it will run on, and p99 start latency under
 * {@code concurrency} concurrent starts (measured over {@code rounds} storms of {@code starts}
 * each). A null limit is not checked.
 */
public record GateThresholds(
    Integer maxLayers,
    Integer maxMountSyscalls,
    Double maxP99Millis,
    IdmapStrategy idmap,
    String containerdVersion,
    int concurrency,
    long starts,
    int rounds) {

  public GateThresholds {
    if (maxLayers != null && maxLayers < 1) {
      throw new InputException("--max-layers " + maxLayers + ": at least 1");
    }
    if (maxMountSyscalls != null && maxMountSyscalls < 1) {
      throw new InputException("--max-mount-syscalls " + maxMountSyscalls + ": at least 1");
    }
    if (maxP99Millis != null && !(maxP99Millis > 0)) {
      throw new InputException("--max-p99 " + maxP99Millis + ": a positive number of milliseconds");
    }
    if (idmap == IdmapStrategy.UNKNOWN) {
      throw new InputException("the idmap strategy must be known: per-layer, common-parent or none");
    }
    if (concurrency < 1 || concurrency > 256) {
      throw new InputException("--concurrency " + concurrency + ": 1 to 256 concurrent starts");
    }
    if (starts < concurrency) {
      throw new InputException("--starts " + starts + ": at least one per concurrent start (" + concurrency + ")");
    }
    if (rounds < 1 || rounds > 20) {
      throw new InputException("--rounds " + rounds + ": 1 to 20");
    }
  }
}
