package io.mountscope.cli;

import io.mountscope.diagnose.Diagnosis;
import io.mountscope.model.Sample;
import io.mountscope.probe.HostReader;
import io.mountscope.probe.Sampler;
import io.mountscope.probe.Ticker;
import io.mountscope.store.RecordingHeader;
import io.mountscope.store.RecordingWriter;
import io.mountscope.util.Fmt;
import io.mountscope.util.InputException;
import io.mountscope.util.Json;
import io.mountscope.util.UnavailableException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mountscope record}: the node's Samples to a file, to replay here or anywhere else. */
@Command(name = "record", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Record what the probes read, one Sample per --interval, to FILE:",
        "gzip-compressed JSON lines after a header line (host, kernel, versions).",
        "'mountscope replay FILE' shows it in the dashboard, here or on another",
        "machine. Runs for --seconds, or until Ctrl-C or SIGTERM; a kill -9 leaves",
        "every sample written before it readable. FILE is size-bounded: past",
        "--max-bytes it rotates to FILE.1, FILE.2 ... (docs/recording.md)."})
public final class RecordCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE",
      description = "The recording to write (suggested name: *.jsonl.gz).")
  Path output;

  @Option(names = "--seconds", paramLabel = "S", description = "Record this long, then exit (default: until Ctrl-C).")
  Double seconds;

  @Option(names = "--interval", paramLabel = "S", defaultValue = "1",
      description = "Seconds between samples (default: ${DEFAULT-VALUE}).")
  double interval;

  @Option(names = "--max-bytes", paramLabel = "SIZE", defaultValue = "64M",
      description = "Rotate FILE when it would grow past this (default: ${DEFAULT-VALUE}).")
  String maxBytes;

  @Option(names = "--keep", paramLabel = "N", defaultValue = "4",
      description = "Rotated files to keep besides FILE: FILE.1 .. FILE.N (default: ${DEFAULT-VALUE}).")
  int keep;

  @Option(names = "--force", description = "Replace FILE (and its rotated parts) if it exists.")
  boolean force;

  @Option(names = "--json", description = "Also print each Model as it is recorded, one JSON line each (as watch --json).")
  boolean json;

  @Override
  public Integer call() throws Exception {
    if (!(interval >= 0.1 && interval <= 3600)) {
      throw new InputException("--interval " + interval + ": between 0.1 and 3600 seconds");
    }
    if (seconds != null && !(seconds >= 0 && seconds <= 366 * 86400.0)) {
      throw new InputException("--seconds " + seconds + ": between 0 and a year");
    }
    RecordingWriter.Limits limits = new RecordingWriter.Limits(Fmt.parseSize(maxBytes, "--max-bytes"), keep);
    long intervalMillis = Math.round(interval * 1000);
    RecordingHeader header = new RecordingHeader(RecordingHeader.FORMAT, RecordingHeader.SCHEMA,
        VersionProvider.version(), UUID.randomUUID().toString(), 1, System.currentTimeMillis(), intervalMillis,
        HostReader.host().name(), HostReader.kernel());
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Ticker ticker = new Ticker(Duration.ofMillis(intervalMillis));
    long startNanos = System.nanoTime();
    try (RecordingWriter writer = RecordingWriter.create(output, header, limits, force);
        GracefulStop stop = new GracefulStop("record-stop", ticker::stop)) {
      err.println("recording to " + output + " every " + Fmt.number(interval) + "s"
          + (seconds == null ? " until Ctrl-C" : " for " + Fmt.number(seconds) + "s"));
      err.flush();
      long ticks = seconds == null ? 0 : (long) Math.floor(seconds * 1000 / intervalMillis + 1e-9) + 1;
      try (Sampler sampler = new Sampler()) {
        Sample[] previous = {null};
        ticker.run(ticks, n -> {
          Sample s;
          try {
            s = sampler.sample();
          } catch (RuntimeException e) {
            // A recording of hours must outlive one bad tick; the gap shows in the sample times.
            LoggerFactory.getLogger(RecordCommand.class).warn("sampling failed; this tick is not recorded", e);
            return;
          }
          try {
            if (!writer.append(s)) {
              return;
            }
          } catch (IOException e) {
            throw new UnavailableException("cannot write " + output + " after " + writer.samples() + " samples ("
                + e.getMessage() + "); every sample before is in it", "free space on its filesystem, or record elsewhere");
          }
          if (json) {
            out.println(Json.line(Diagnosis.derive(s, previous[0])));
            out.flush();
          }
          previous[0] = s;
        });
      }
      writer.close(); // before the summary, and before a signal's hook may let the JVM exit
      long took = Math.round((System.nanoTime() - startNanos) / 1e9);
      PrintWriter summary = json ? err : out;
      summary.println("recorded " + Fmt.plural(writer.samples(), "sample", "samples") + " over " + Fmt.duration(took)
          + " to " + output + " (" + Fmt.bytes(writer.bytes()) + (writer.part() > 1 ? ", " + writer.part()
          + " parts; the older ones are " + output.getFileName() + ".1 .. ." + Math.min(keep, writer.part() - 1) : "")
          + ")");
      summary.flush();
      return 0;
    }
  }
}
