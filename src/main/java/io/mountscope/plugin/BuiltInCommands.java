package io.mountscope.plugin;

import java.util.HashSet;
import java.util.Set;
import picocli.CommandLine.Command;

/** The command names a plugin command may not take: mountscope's own and the console's. */
final class BuiltInCommands {
  private static final Set<String> CONSOLE = Set.of("dash", "history", "clear", "exit", "quit", "help", "plugins");

  private BuiltInCommands() {}

  static Set<String> names() {
    Set<String> out = new HashSet<>(CONSOLE);
    Command top = io.mountscope.cli.MountscopeCommand.class.getAnnotation(Command.class);
    for (Class<?> c : top.subcommands()) {
      Command sub = c.getAnnotation(Command.class);
      if (sub != null) {
        out.add(sub.name());
        out.addAll(Set.of(sub.aliases()));
      }
    }
    return out;
  }
}
