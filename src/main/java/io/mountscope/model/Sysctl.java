package io.mountscope.model;

/** A kernel setting that bears on this incident: key, current value (null if unreadable), and why it matters. */
public record Sysctl(String key, String value, String why) {}
