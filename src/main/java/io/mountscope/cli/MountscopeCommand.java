package io.mountscope.cli;

import io.mountscope.console.Modes;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** The top-level command: with no subcommand it opens the dashboard. */
@Command(name = "mountscope",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    description = {
        "Troubleshooting console for container nodes whose starts stall on kernel mount-lock contention.",
        "With no command, opens the live dashboard (full screen); ':' there opens the console."},
    subcommands = {
        DoctorCommand.class,
        SnapshotCommand.class,
        WatchCommand.class,
        MountsCommand.class,
        StressCommand.class,
        RecoverCommand.class,
        RecipeCommand.class,
        LocksCommand.class,
        HotspotsCommand.class,
        StartupsCommand.class,
        ImagesCommand.class,
        RecordCommand.class,
        ReplayCommand.class,
        ServeCommand.class,
        CheckCommand.class,
        io.mountscope.plugin.PluginsCommand.class,
        TrainCommand.class,
        io.mountscope.console.ConsoleCommand.class,
        io.mountscope.console.ExplainCommand.class,
        CdsTrainingCommand.class,
        io.mountscope.bench.BenchCommand.class,
    },
    footer = {"", "Exit codes: 0 ok, 1 finding or failed check, 2 usage or input error,",
        "3 missing privilege or kernel feature, 4 internal error (see the log file)."})
public final class MountscopeCommand implements Callable<Integer> {
  @Override
  public Integer call() throws Exception {
    return dashboard();
  }

  /** The live dashboard until q (exit 0) or Ctrl-C (exit 130); ':' opens the console in place. */
  static int dashboard() throws Exception {
    return Modes.run(Modes.Start.DASHBOARD);
  }
}
