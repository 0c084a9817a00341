package io.mountscope.bench;

import io.mountscope.util.InputException;
import io.mountscope.util.UnavailableException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The C reference storm (mount_storm_ref.c): compiled once with gcc, run once per measurement. */
final class ReferenceStorm {
  /** What one run printed: starts/s, p50/p99 latency in ms, mount syscalls issued. */
  record Run(double startsPerSecond, double p50, double p99, long syscalls) {}

  private final Path binary;

  private ReferenceStorm(Path binary) {
    this.binary = binary;
  }

  /** The source: the option's path, else /work/shared/bench, else ../shared/bench from here. */
  static Path locate(Path option) {
    if (option != null) {
      if (!Files.isRegularFile(option)) {
        throw new InputException("--ref " + option + ": no such file");
      }
      return option;
    }
    for (Path p : List.of(Path.of("/work/shared/bench/mount_storm_ref.c"), Path.of("../shared/bench/mount_storm_ref.c"))) {
      if (Files.isRegularFile(p)) {
        return p.toAbsolutePath();
      }
    }
    throw new InputException("no mount_storm_ref.c in /work/shared/bench or ../shared/bench: pass --ref PATH");
  }

  static ReferenceStorm compile(Path source, Path dir) throws IOException, InterruptedException {
    Path bin = dir.resolve("mount_storm_ref");
    Process p;
    try {
      p = new ProcessBuilder("gcc", "-O2", "-pthread", source.toString(), "-o", bin.toString()).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new UnavailableException("gcc not found: the C reference cannot be built", "apt-get install gcc");
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new UnavailableException("gcc could not build " + source + ": " + out.lines().findFirst().orElse(""), "");
    }
    return new ReferenceStorm(bin);
  }

  Run run(String pattern, int layers, long startsPerThread, int threads) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(binary.toString(), pattern, Integer.toString(layers), Long.toString(startsPerThread),
        Integer.toString(threads), "/tmp").redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
      throw new IllegalStateException("mount_storm_ref " + pattern + " failed: " + out);
    }
    Map<String, String> kv = new HashMap<>();
    for (String f : out.split("\\s+")) {
      int eq = f.indexOf('=');
      if (eq > 0) {
        kv.put(f.substring(0, eq), f.substring(eq + 1));
      }
    }
    return new Run(Double.parseDouble(kv.get("starts_per_s")), Double.parseDouble(kv.get("p50_ms")),
        Double.parseDouble(kv.get("p99_ms")), Long.parseLong(kv.get("mount_syscalls")));
  }
}
