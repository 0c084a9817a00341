package io.mountscope.cli;

import io.mountscope.model.Model;
import io.mountscope.probe.Sampler;
import io.mountscope.util.Json;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * Hidden: exercises the common start-up paths (sampling, JSON, a dashboard frame on a virtual
 * terminal) so install.sh can record the classes they load into the class-data-sharing archive.
 * Each feature that adds a start-up path adds it here.
 */
@Command(name = "cds-training", hidden = true, mixinStandardHelpOptions = true, description = "Load the classes of the common paths (used by install.sh).")
public final class CdsTrainingCommand implements Callable<Integer> {
  @Override
  public Integer call() throws Exception {
    Model model;
    try (Sampler sampler = new Sampler()) {
      model = io.mountscope.diagnose.Diagnosis.derive(sampler.sample(), sampler.sample());
    }
    Json.pretty(model);
    Json.line(model);
    SnapshotLines.of(model);
    if (model.startups() != null) {
      StartupsLines.render(model.startups());
    }
    io.mountscope.tui.Dashboard.train(java.util.List.of(model));
    Cli.create().getUsageMessage();
    return 0;
  }
}
