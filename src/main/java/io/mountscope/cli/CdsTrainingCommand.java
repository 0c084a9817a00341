package io.mountscope.cli;

import io.mountscope.model.Model;
import io.mountscope.probe.Sampler;
import io.mountscope.stress.CustomPattern;
import io.mountscope.stress.Pattern;
import io.mountscope.stress.StressEngine;
import io.mountscope.stress.StressParams;
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
    Main.warmUp();
    Model model;
    try (Sampler sampler = new Sampler()) {
      model = io.mountscope.diagnose.Diagnosis.derive(sampler.sample(), sampler.sample());
    }
    Json.pretty(model);
    Json.line(model);
    SnapshotLines.of(model);
    WatchCommand.summary(model);
    MountsCommand.render(io.mountscope.probe.mounts.MountsAnalysis.live());
    if (model.startups() != null) {
      StartupsLines.render(model.startups());
    }
    io.mountscope.tui.Dashboard.train(java.util.List.of(model));
    Cli.create().getUsageMessage();
    // stress: parameters, limits and a plan are checked in the launcher before the worker starts.
    new CustomPattern("cds.yaml", "steps:\n  - bind: {source: layers, target: b}\n  - umount: {target: b}\n").ops();
    Json.line(StressEngine.prepare(StressParams.of(Pattern.IDMAP_PER_LAYER, 50, 1, 1)).params());
    io.mountscope.console.ConsoleRehearsal.run();
    recipes();
    // train list: every scenario loaded and checked.
    io.mountscope.training.ScenarioLibrary.installed().list();
    // replay --demo: the recording read and its Models derived, then shown like any others.
    try (io.mountscope.store.Recording demo = io.mountscope.store.Recording.demo()) {
      java.util.List<io.mountscope.model.Sample> samples = demo.samples();
      Model replayed = io.mountscope.diagnose.Diagnosis.derive(samples.get(1), samples.get(0));
      new io.mountscope.tui.ReplaySource(samples, "demo").label();
      io.mountscope.tui.Dashboard.train(java.util.List.of(replayed));
    }
    return 0;
  }

  /** recipe list / show, and a dry run (it reads /proc/sys, changes nothing, writes no journal line). */
  private static void recipes() {
    io.mountscope.recipe.RecipeLibrary lib = io.mountscope.recipe.RecipeLibrary.installed();
    lib.list();
    if (lib.names().contains("sysctl-tuning")) {
      io.mountscope.recipe.Recipe r = lib.load("sysctl-tuning");
      io.mountscope.recipe.RecipeView.text(r);
      java.io.PrintWriter sink = new java.io.PrintWriter(java.io.Writer.nullWriter());
      io.mountscope.recipe.operator.ScriptedOperator op = new io.mountscope.recipe.operator.ScriptedOperator(sink, false,
          io.mountscope.recipe.operator.Answers.none(), true, 100);
      Json.pretty(new io.mountscope.recipe.RecipeEngine(r, op, new io.mountscope.recipe.RecipeEngine.Options(true, null,
          null)).run().report());
    }
  }
}
