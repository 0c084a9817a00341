package io.mountscope.cli;

import io.mountscope.diagnose.Diagnosis;
import io.mountscope.model.Model;
import io.mountscope.model.Sample;
import io.mountscope.probe.Sampler;
import io.mountscope.util.InputException;
import io.mountscope.util.Json;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** One full sample of the node, as text or as the JSON contract of docs/json.md. */
@Command(name = "snapshot", mixinStandardHelpOptions = true,
    description = {"Take one full sample of the node and print it, then exit.",
        "The diagnosis comes first. Rates are measured over --window seconds (two reads that far apart)."})
public final class SnapshotCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--json", description = "Print the model as JSON (field names in docs/json.md).")
  boolean json;

  @Option(names = "--window", paramLabel = "SECONDS", defaultValue = "1",
      description = "Seconds between the two reads that rates are computed from (default: ${DEFAULT-VALUE}).")
  double window;

  @Override
  public Integer call() throws Exception {
    if (!(window > 0 && window <= 60)) {
      throw new InputException("--window must be between 0 and 60 seconds, got " + window);
    }
    Model model;
    try (Sampler sampler = new Sampler()) {
      Sample first = sampler.sample();
      Thread.sleep((long) (window * 1000));
      model = Diagnosis.derive(sampler.sample(), first);
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println(json ? Json.pretty(model) : SnapshotLines.render(model));
    out.flush();
    return 0;
  }
}
