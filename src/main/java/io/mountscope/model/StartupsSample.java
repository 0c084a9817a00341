package io.mountscope.model;

/** Raw view of container starts in one tick (filled by the containerd issue). */
public record StartupsSample(Startups startups) {}
