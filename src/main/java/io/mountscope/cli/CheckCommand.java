package io.mountscope.cli;

import io.mountscope.containerd.Ctr;
import io.mountscope.containerd.IdmapStrategy;
import io.mountscope.containerd.Version;
import io.mountscope.gate.GateCheck;
import io.mountscope.gate.GateImage;
import io.mountscope.gate.GateReport;
import io.mountscope.gate.GateThresholds;
import io.mountscope.gate.ImageGate;
import io.mountscope.gate.JUnitReport;
import io.mountscope.image.Platform;
import io.mountscope.util.ExitCodes;
import io.mountscope.util.InputException;
import io.mountscope.util.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mountscope check}: pass or fail images for a pipeline, before they reach a node. */
@Command(name = "check", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Gate for image pipelines: judge each IMAGE against thresholds, print why",
        "it passes or fails, exit 1 if any fails, and write JUnit XML for the CI.",
        "IMAGE is an image archive (OCI tar, docker save tar) or an OCI layout",
        "directory when such a path exists, else an image name in containerd.",
        "Layers and mount syscalls per start are read off the image; --max-p99",
        "measures start latency with the stress engine (root) at the image's",
        "layer count (docs/cli.md says how)."})
public final class CheckCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "IMAGE", description = "Image archives, layout directories or containerd names.")
  List<String> images;

  @Option(names = "--max-layers", paramLabel = "N", defaultValue = "20",
      description = "Most layers an image may have (default: ${DEFAULT-VALUE}; 0: not checked).")
  int maxLayers;

  @Option(names = "--max-mount-syscalls", paramLabel = "N",
      description = "Most mount syscalls one user-namespaced start may cost under the idmap strategy.")
  Integer maxMountSyscalls;

  @Option(names = "--max-p99", paramLabel = "MS",
      description = "Most p99 start latency (ms) at --concurrency starts at once: measured (root).")
  Double maxP99;

  @Option(names = "--concurrency", paramLabel = "C", defaultValue = "8",
      description = "Concurrent starts for --max-p99 (default: ${DEFAULT-VALUE}).")
  int concurrency;

  @Option(names = "--starts", paramLabel = "N",
      description = "Measured starts per round for --max-p99 (default: 50 per concurrent start, at least 200).")
  Long starts;

  @Option(names = "--rounds", paramLabel = "R", defaultValue = "3",
      description = "Storms for --max-p99; the median of their p99s is judged (default: ${DEFAULT-VALUE}).")
  int rounds;

  @Option(names = "--idmap", paramLabel = "STRATEGY",
      description = "How the target containerd idmaps layers: per-layer (default), common-parent or none.")
  String idmap;

  @Option(names = "--containerd-version", paramLabel = "V",
      description = "Judge under the idmap strategy of this containerd version (e.g. 2.0.4: per-layer).")
  String containerdVersion;

  @Mixin
  ContainerdOptions containerd;

  @Option(names = "--junit", paramLabel = "FILE", description = "Write the verdicts as JUnit XML.")
  Path junit;

  @Option(names = "--json", description = "Print the verdicts as JSON (docs/json.md).")
  boolean json;

  @Override
  public Integer call() throws Exception {
    GateThresholds t = thresholds();
    if (junit != null && (junit.toAbsolutePath().getParent() == null || !Files.isDirectory(junit.toAbsolutePath().getParent()))) {
      throw new InputException("--junit " + junit + ": its directory does not exist");
    }
    List<GateImage> resolved = new ArrayList<>();
    Ctr ctr = null;
    for (String image : images) {
      Path p = Path.of(image);
      if (Files.exists(p)) {
        resolved.add(GateImage.fromFile(p, Platform.current()));
      } else if (looksLikePath(image)) {
        throw new InputException(image + ": no such file");
      } else {
        ctr = ctr != null ? ctr : ImagesCommand.connect(containerd.address);
        resolved.add(GateImage.fromContainerd(ctr, containerd.namespace, image, Platform.current()));
      }
    }
    List<GateReport> reports = new ArrayList<>();
    for (GateImage image : resolved) {
      reports.add(ImageGate.judge(image, t));
    }
    if (junit != null) {
      try {
        JUnitReport.write(reports, junit);
      } catch (IOException e) {
        throw new InputException("--junit " + junit + ": " + e.getMessage());
      }
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println(json ? Json.pretty(reports) : render(reports));
    out.flush();
    return reports.stream().allMatch(GateReport::passed) ? ExitCodes.OK : ExitCodes.FINDING;
  }

  /** A name containerd could not hold: a path, or an archive's file name. */
  static boolean looksLikePath(String image) {
    return image.startsWith("/") || image.startsWith("./") || image.startsWith("../") || image.endsWith(".tar")
        || image.endsWith(".tar.gz") || image.endsWith(".tgz");
  }

  GateThresholds thresholds() {
    if (maxLayers < 0) {
      throw new InputException("--max-layers " + maxLayers + ": 0 (not checked) or more");
    }
    if (idmap != null && containerdVersion != null) {
      throw new InputException("give --idmap or --containerd-version, not both");
    }
    IdmapStrategy strategy = IdmapStrategy.PER_LAYER;
    if (containerdVersion != null) {
      strategy = IdmapStrategy.of(Version.parse(containerdVersion).orElseThrow(() ->
          new InputException("--containerd-version " + containerdVersion + ": not a version like 2.0.4")));
    } else if (idmap != null) {
      strategy = switch (idmap.toLowerCase(Locale.ROOT)) {
        case "per-layer" -> IdmapStrategy.PER_LAYER;
        case "common-parent" -> IdmapStrategy.COMMON_PARENT;
        case "none" -> IdmapStrategy.NONE;
        default -> throw new InputException("--idmap " + idmap + ": per-layer, common-parent or none");
      };
    }
    long n = starts != null ? starts : Math.max(200, 50L * concurrency);
    return new GateThresholds(maxLayers == 0 ? null : maxLayers, maxMountSyscalls, maxP99, strategy, containerdVersion,
        concurrency, n, rounds);
  }

  static String render(List<GateReport> reports) {
    StringBuilder b = new StringBuilder();
    for (GateReport r : reports) {
      b.append(r.image()).append(" (").append(r.source()).append(r.platform() == null ? "" : ", " + r.platform())
          .append(", ").append(r.layers()).append(r.layers() == 1 ? " layer" : " layers").append("): ")
          .append(r.passed() ? "PASS" : "FAIL").append('\n');
      for (GateCheck c : r.checks()) {
        b.append("  ").append(c.passed() ? "pass  " : c.error() != null ? "ERROR " : "FAIL  ").append(c.message()).append('\n');
        if (c.fix() != null && !c.passed()) {
          b.append("        fix: ").append(c.fix()).append('\n');
        }
      }
      if (r.checks().isEmpty()) {
        b.append("  no threshold given: nothing checked\n");
      }
    }
    long failed = reports.stream().filter(r -> !r.passed()).count();
    b.append(failed == 0 ? "PASSED" : "FAILED").append(": ").append(reports.size() - failed).append(" of ")
        .append(reports.size()).append(reports.size() == 1 ? " image" : " images").append(" passed");
    return b.toString();
  }
}
