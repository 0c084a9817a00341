package io.mountscope.probe;

import io.mountscope.model.StartupsSample;

/**
 * Container starts in flight, from the container runtime. Implementations (containerd, a
 * process-table fallback) register through {@link java.util.ServiceLoader}
 * (META-INF/services/io.mountscope.probe.StartupsProbe); the sampler uses the first one found and
 * shows the part as off when there is none.
 */
public interface StartupsProbe extends Probe<StartupsSample> {
  /** A short name for the status bar, e.g. "containerd". */
  String source();
}
