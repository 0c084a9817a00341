package io.mountscope.console;

import io.mountscope.cli.Cli;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * The console's commands: whatever {@code cli.MountscopeCommand} registers (so a command that
 * lands there is a console command with the same options), minus {@code console} itself, plus the
 * console-only ones. Also says where a partly typed line stands in that tree, for completion and
 * inline help.
 */
final class CommandTree {
  private CommandTree() {}

  /** A fresh tree: commands keep state in their fields, so every execution gets its own. */
  static CommandLine create(ConsoleControl control) {
    CommandLine root = Cli.create();
    root.getCommandSpec().removeSubcommand("console");
    root.getCommandSpec().removeSubcommand("cds-training");
    ConsoleOnly.addTo(root, control);
    return root;
  }

  /** The visible subcommands of a command, each once (picocli keys aliases too), by name. */
  static Map<String, CommandSpec> visibleSubcommands(CommandSpec spec) {
    Map<String, CommandSpec> out = new LinkedHashMap<>();
    Map<CommandLine, Boolean> seen = new IdentityHashMap<>();
    for (CommandLine sub : spec.subcommands().values()) {
      if (seen.put(sub, true) == null && !sub.getCommandSpec().usageMessage().hidden()) {
        out.put(sub.getCommandName(), sub.getCommandSpec());
      }
    }
    return out;
  }

  /** The first sentence of a command's or option's description (which may span lines), or "". */
  static String firstLine(String[] description) {
    if (description == null || description.length == 0) {
      return "";
    }
    String all = String.join(" ", description).strip().replaceAll("\\s+", " ");
    int end = all.indexOf(". ");
    String s = end > 0 ? all.substring(0, end + 1) : all;
    return s.length() <= 100 ? s : s.substring(0, 97) + "...";
  }

  /**
   * Where the words before the cursor leave the parser: in {@code command} (reached through
   * {@code path} from the root), with {@code pending} waiting for its value (or null), and
   * {@code positional} positional parameters of the command already given.
   */
  record Position(CommandSpec command, List<String> path, OptionSpec pending, int positional, List<OptionSpec> used) {
    /** The positional parameter that the next plain word fills, or null. */
    PositionalParamSpec nextPositional() {
      for (PositionalParamSpec p : command.positionalParameters()) {
        if (!p.hidden() && p.index().contains(positional)) {
          return p;
        }
      }
      return null;
    }
  }

  /** Walks {@code words} (the complete words before the one being typed) from {@code root}. */
  static Position walk(CommandSpec root, List<String> words) {
    CommandSpec spec = root;
    List<String> path = new ArrayList<>();
    List<OptionSpec> used = new ArrayList<>();
    OptionSpec pending = null;
    int positional = 0;
    boolean endOfOptions = false;
    for (String w : words) {
      if (pending != null) {
        pending = null;
        continue;
      }
      if (!endOfOptions && w.equals("--")) {
        endOfOptions = true;
        continue;
      }
      if (!endOfOptions && w.startsWith("-") && w.length() > 1) {
        int eq = w.indexOf('=');
        OptionSpec o = spec.findOption(eq > 0 ? w.substring(0, eq) : w);
        if (o != null) {
          used.add(o);
          if (eq < 0 && o.arity().min() > 0) {
            pending = o;
          }
        }
        continue;
      }
      CommandLine sub = positional == 0 ? spec.subcommands().get(w) : null;
      if (sub != null) {
        spec = sub.getCommandSpec();
        path.add(sub.getCommandName());
        used = new ArrayList<>();
        positional = 0;
        endOfOptions = false;
        continue;
      }
      positional++;
    }
    return new Position(spec, path, pending, positional, used);
  }

  /** The commands as a help listing: name and first description line, then the console's keys. */
  static String helpListing(CommandLine root) {
    Map<String, CommandSpec> subs = visibleSubcommands(root.getCommandSpec());
    int width = subs.keySet().stream().mapToInt(String::length).max().orElse(8);
    StringBuilder b = new StringBuilder("Commands (each has --help; 'help COMMAND' shows it):\n");
    appendRows(b, subs.entrySet(), width);
    b.append("""

        Keys: Tab completes; Ctrl-R searches the history; Ctrl-C stops the running command;
              F2 (or 'dash') opens the dashboard, q there comes back; Ctrl-D (or 'exit') quits.
        'explain' is the manual: 'explain namespace_sem', 'explain' alone lists the topics.
        """);
    return b.toString();
  }

  private static void appendRows(StringBuilder b, Collection<Map.Entry<String, CommandSpec>> rows, int width) {
    for (Map.Entry<String, CommandSpec> e : rows) {
      b.append(String.format(java.util.Locale.US, "  %-" + width + "s  %s%n", e.getKey(), firstLine(e.getValue().usageMessage().description())));
    }
  }
}
