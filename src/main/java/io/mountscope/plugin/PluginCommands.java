package io.mountscope.plugin;

import io.mountscope.plugin.api.Command;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * The loaded plugins' commands as picocli subcommands of {@code mountscope} (and so of the
 * console): every argument goes to the plugin as typed; what it throws is reported by the
 * command line's error policy (one line, exit 4, the trace in the log).
 */
public final class PluginCommands {
  private PluginCommands() {}

  /**
   * Whether a command line starting with {@code first} may run a plugin's command: not when it
   * names a built-in command or asks for the version, so those never pay for loading plugins.
   */
  public static boolean mayName(String first) {
    return !first.equals("--version") && !first.equals("-V") && !BuiltInCommands.names().contains(first);
  }

  /** Adds each loaded plugin command to {@code top}. */
  public static void addTo(CommandLine top) {
    for (Plugin p : PluginHost.get().plugins()) {
      for (Command c : p.commands()) {
        if (!top.getSubcommands().containsKey(c.name())) {
          top.addSubcommand(c.name(), commandLine(p, c));
        }
      }
    }
  }

  private static CommandLine commandLine(Plugin p, Command c) {
    Runner runner = new Runner(c);
    CommandSpec spec = CommandSpec.wrapWithoutInspection(runner);
    String description;
    try {
      description = c.description();
    } catch (Throwable e) { // plugin code
      description = "";
    }
    spec.usageMessage().description(description + " (plugin " + p.name() + " " + p.entry().version() + ")");
    spec.parser().unmatchedOptionsArePositionalParams(true);
    spec.addPositional(PositionalParamSpec.builder().arity("0..*").paramLabel("ARG").type(String[].class)
        .description("passed to the plugin as typed").build());
    CommandLine cl = new CommandLine(spec);
    runner.self = cl;
    return cl;
  }

  /** Runs one plugin command with the arguments picocli collected. */
  private static final class Runner implements Callable<Integer> {
    private final Command command;
    private CommandLine self;

    Runner(Command command) {
      this.command = command;
    }

    @Override
    public Integer call() throws Exception {
      String[] args = self.getCommandSpec().positionalParameters().get(0).getValue();
      int code = command.run(args == null ? List.of() : List.of(args), self.getOut(), self.getErr());
      self.getOut().flush();
      self.getErr().flush();
      return code;
    }
  }
}
