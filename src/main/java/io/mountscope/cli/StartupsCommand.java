package io.mountscope.cli;

import io.mountscope.model.Startups;
import io.mountscope.model.StartupsSample;
import io.mountscope.probe.startups.StartupsProbe;
import io.mountscope.util.InputException;
import io.mountscope.util.Json;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Container starts in flight: from containerd's events, or the process table when containerd is out of reach. */
@Command(name = "startups", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Container starts in flight on this node: age, state, image, layers, user namespace,",
        "mount syscalls so far; starts past the thresholds are flagged as stuck. Without a reachable",
        "containerd socket, starts are read from the process table (runc and crun processes)."})
public final class StartupsCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  ContainerdOptions containerd;

  @Option(names = "--json", description = "Print JSON (docs/json.md); with --watch, one line per tick.")
  boolean json;

  @Option(names = "--watch", description = "Keep printing, every --interval seconds (Ctrl-C stops).")
  boolean watch;

  @Option(names = "--interval", paramLabel = "S", defaultValue = "1", description = "Seconds between prints with --watch (default: ${DEFAULT-VALUE}).")
  double interval;

  @Option(names = "--count", paramLabel = "N", defaultValue = "0", description = "With --watch, stop after N prints (default: until Ctrl-C).")
  int count;

  @Option(names = "--warning", paramLabel = "S", defaultValue = "10", description = "Seconds after which a start is stuck (warning; default: ${DEFAULT-VALUE}).")
  double warning;

  @Option(names = "--critical", paramLabel = "S", defaultValue = "30", description = "Seconds after which a stuck start is critical (default: ${DEFAULT-VALUE}).")
  double critical;

  @Override
  public Integer call() throws Exception {
    if (!(interval >= 0.05 && interval <= 3600)) {
      throw new InputException("--interval must be between 0.05 and 3600 seconds, got " + interval);
    }
    if (count < 0) {
      throw new InputException("--count must be 0 (no limit) or more, got " + count);
    }
    StartupsProbe.Settings settings = new StartupsProbe.Settings(containerd.address, containerd.namespace, Math.round(warning * 1000),
        Math.round(critical * 1000));
    PrintWriter out = spec.commandLine().getOut();
    try (StartupsProbe probe = StartupsProbe.start(settings)) {
      probe.awaitSettled(8000);
      StartupsSample previous = null;
      long previousMillis = 0;
      for (int printed = 0; ; printed++) {
        long now = System.currentTimeMillis();
        StartupsSample sample = probe.sample(null);
        Startups s = Startups.derive(sample, previous, now, previous == null ? 0 : (now - previousMillis) / 1000.0);
        if (json) {
          out.println(watch ? Json.line(s) : Json.pretty(s));
        } else {
          if (watch) {
            out.println("-- " + Instant.ofEpochMilli(now));
          }
          out.println(StartupsLines.render(s));
        }
        out.flush();
        if (!watch || count > 0 && printed + 1 >= count) {
          return 0;
        }
        previous = sample;
        previousMillis = now;
        Thread.sleep(Math.round(interval * 1000));
      }
    }
  }
}
