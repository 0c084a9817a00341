package io.mountscope.cli;

import io.mountscope.tui.Dashboard;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The top-level command: with no subcommand it opens the dashboard. */
@Command(name = "mountscope",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    description = {
        "Troubleshooting console for container nodes whose starts stall on kernel mount-lock contention.",
        "With no command, opens the live dashboard (full screen)."},
    subcommands = {
        DoctorCommand.class,
        SnapshotCommand.class,
        LocksCommand.class,
        HotspotsCommand.class,
        CdsTrainingCommand.class,
        io.mountscope.bench.BenchCommand.class,
    },
    footer = {"", "Exit codes: 0 ok, 1 finding or failed check, 2 usage or input error,",
        "3 missing privilege or kernel feature, 4 internal error (see the log file)."})
public final class MountscopeCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    return Dashboard.open(spec.commandLine().getOut());
  }
}
