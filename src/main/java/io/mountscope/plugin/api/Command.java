package io.mountscope.plugin.api;

import java.io.PrintWriter;
import java.util.List;

/**
 * A command of its own: {@code mountscope NAME ARGS...}, also at the console. Returns the exit
 * code (0 ok, 1 finding, 2 bad input, 3 unavailable). Arguments are passed as typed.
 */
public interface Command {
  String name();

  /** One line for the command list. */
  String description();

  default void init(PluginContext context) throws Exception {}

  int run(List<String> args, PrintWriter out, PrintWriter err) throws Exception;
}
