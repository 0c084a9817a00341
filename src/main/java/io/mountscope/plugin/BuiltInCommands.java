package io.mountscope.plugin;

import java.util.HashSet;
import java.util.Set;

/**
 * The command names a plugin command may not take: mountscope's own and the console's. Written
 * out rather than read from MountscopeCommand's annotations: that reflection loads every command
 * class and took 60 ms of the dashboard's start. BuiltInCommandsTest keeps the two the same.
 */
final class BuiltInCommands {
  private static final Set<String> CONSOLE = Set.of("dash", "history", "clear", "exit", "quit", "help", "plugins");
  static final Set<String> TOP_LEVEL = Set.of("doctor", "snapshot", "watch", "mounts", "stress", "recover", "recipe",
      "locks", "hotspots", "startups", "images", "record", "replay", "serve", "check", "plugins", "train", "console",
      "explain", "cds-training", "bench");

  private BuiltInCommands() {}

  static Set<String> names() {
    Set<String> out = new HashSet<>(CONSOLE);
    out.addAll(TOP_LEVEL);
    return out;
  }
}
