package io.mountscope.cli;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.virtual.DefaultVirtualTerminal;
import io.mountscope.model.Model;
import io.mountscope.probe.Sampler;
import io.mountscope.util.Json;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * Hidden: exercises the common start-up paths (sampling, JSON, a dashboard frame on a virtual
 * terminal, a console session on an in-memory terminal) so install.sh can record the classes they load into the class-data-sharing archive.
 * Each feature that adds a start-up path adds it here.
 */
@Command(name = "cds-training", hidden = true, mixinStandardHelpOptions = true, description = "Load the classes of the common paths (used by install.sh).")
public final class CdsTrainingCommand implements Callable<Integer> {
  @Override
  public Integer call() throws Exception {
    Sampler sampler = new Sampler();
    Model model = Model.derive(sampler.sample(), sampler.sample());
    Json.pretty(model);
    Json.line(model);
    SnapshotLines.of(model);
    TerminalScreen screen = new TerminalScreen(new DefaultVirtualTerminal(new TerminalSize(80, 24)));
    screen.startScreen();
    screen.newTextGraphics().putString(0, 0, "mountscope");
    screen.refresh();
    screen.stopScreen();
    Cli.create().getUsageMessage();
    io.mountscope.console.ConsoleRehearsal.run();
    return 0;
  }
}
