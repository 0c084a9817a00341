package io.mountscope.model;

/**
 * Simultaneous multithreading: whether sibling threads are active, the kernel's control value
 * (on, off, forceoff, notsupported, notimplemented, or "unknown") and threads per core.
 */
public record Smt(boolean active, String control, int threadsPerCore) {}
