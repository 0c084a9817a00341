package io.mountscope.model;

/** The running kernel: release (uname -r), version (uname -v), machine (uname -m). */
public record KernelInfo(String release, String version, String machine) {}
