package io.mountscope.cli;

import io.mountscope.diagnose.Diagnosis;
import io.mountscope.export.FoldedStacks;
import io.mountscope.model.HotspotSample;
import io.mountscope.model.Sample;
import io.mountscope.store.Recording;
import io.mountscope.store.RecordingDamage;
import io.mountscope.tui.Dashboard;
import io.mountscope.tui.DashboardOptions;
import io.mountscope.tui.ReplaySource;
import io.mountscope.util.InputException;
import io.mountscope.util.Json;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mountscope replay}: a recording in the dashboard, as Models, or as a flame graph. */
@Command(name = "replay", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Play a recording ('mountscope record') back in the dashboard, with pause",
        "(space), step (, .), seek ([ ] { } g G) and speed (- +): the Models are",
        "derived from the recorded Samples exactly as they were live. --demo plays",
        "the incident recording shipped with mountscope (any machine, no privilege).",
        "A cut or damaged file plays up to the damage; one line says where it stopped."})
public final class ReplayCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Parameters(arity = "0..1", paramLabel = "FILE", description = "The recording (with FILE.1, FILE.2 ... if rotated).")
  Path file;

  @Option(names = "--demo", description = "Play the demo recording of a mount storm shipped with mountscope.")
  boolean demo;

  @Option(names = "--json", description = "Print every Model, one JSON line each (as watch --json printed them live).")
  boolean json;

  @Option(names = "--speed", paramLabel = "X", defaultValue = "1",
      description = "Start the dashboard at this speed, 0.125 to 64 (default: ${DEFAULT-VALUE}).")
  double speed;

  @Mixin
  FlameGraphOptions flame;

  @Override
  public Integer call() throws Exception {
    if (demo == (file != null)) {
      throw new InputException(demo ? "give FILE or --demo, not both" : "give a recording FILE, or --demo");
    }
    if (!(speed >= 0.125 && speed <= 64)) {
      throw new InputException("--speed " + speed + ": between 0.125 and 64");
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (json && !flame.any() && file != null) {
      // Streamed: a recording of a day prints without holding a day of samples.
      long[] count = {0};
      Sample[] previous = {null};
      Optional<RecordingDamage> damage = Recording.stream(file, s -> {
        out.println(Json.line(Diagnosis.derive(s, previous[0])));
        previous[0] = s;
        count[0]++;
      });
      out.flush();
      if (count[0] == 0) {
        throw new InputException(file + ": no readable sample" + damage.map(d -> ": " + d.line()).orElse(""));
      }
      damage.ifPresent(d -> say(err, d));
      return 0;
    }
    try (Recording recording = demo ? Recording.demo() : Recording.open(file)) {
      List<Sample> samples = recording.samples();
      if (flame.any()) {
        flameGraph(recording, samples, err);
      }
      if (json) {
        for (int i = 0; i < samples.size(); i++) {
          out.println(Json.line(Diagnosis.derive(samples.get(i), i == 0 ? null : samples.get(i - 1))));
        }
        out.flush();
      } else if (!flame.any()) {
        ReplaySource source = new ReplaySource(samples, label(recording));
        source.speed(speed);
        int code;
        try (Dashboard dashboard = new Dashboard(source, DashboardOptions.standalone())) {
          code = Dashboard.exitCode(dashboard.run());
        }
        recording.damage().ifPresent(d -> say(err, d));
        return code;
      }
      recording.damage().ifPresent(d -> say(err, d));
      return 0;
    }
  }

  private void flameGraph(Recording recording, List<Sample> samples, PrintWriter err) {
    List<HotspotSample> hot = new ArrayList<>();
    for (Sample s : samples) {
      hot.add(s.hotspots());
    }
    FoldedStacks stacks = FoldedStacks.over(hot);
    if (stacks.isEmpty()) {
      throw new InputException(recording.name() + ": no sampled kernel stacks in this recording"
          + " (the hotspots probe did not run while it was recorded)");
    }
    String window = Instant.ofEpochMilli(samples.get(0).timeMillis()) + " to "
        + Instant.ofEpochMilli(samples.get(samples.size() - 1).timeMillis());
    String host = samples.get(0).host() == null ? recording.header().host() : samples.get(0).host().name();
    flame.write(stacks, "mountscope: kernel stacks on " + host, "recording " + recording.name() + ", " + window, err);
  }

  private static String label(Recording r) {
    String name = r.files().isEmpty() ? r.name() : r.files().get(r.files().size() - 1).getFileName().toString();
    return r.damage().isPresent() ? name + " (cut)" : name;
  }

  private static void say(PrintWriter err, RecordingDamage d) {
    err.println("mountscope replay: " + d.line());
    err.flush();
  }
}
