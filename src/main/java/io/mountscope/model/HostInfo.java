package io.mountscope.model;

/** The node: hostname, OS name and uptime. */
public record HostInfo(String name, String os, long uptimeSeconds) {}
