package io.mountscope.cli;

import io.mountscope.containerd.ContainerdAddress;
import io.mountscope.containerd.Ctr;
import io.mountscope.containerd.IdmapStrategy;
import io.mountscope.containerd.SocketCheck;
import io.mountscope.containerd.Version;
import io.mountscope.image.ImageInfo;
import io.mountscope.image.ImageInventory;
import io.mountscope.image.MountCost;
import io.mountscope.model.ContainerdStatus;
import io.mountscope.util.Fmt;
import io.mountscope.util.InputException;
import io.mountscope.util.Json;
import io.mountscope.util.UnavailableException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The images containerd holds: layers, size, and what one start of each costs in mount syscalls. */
@Command(name = "images", mixinStandardHelpOptions = true, sortOptions = false,
    subcommands = FlattenCommand.class,
    description = {"Every image in containerd with its layer count and size, and the mount syscalls one start",
        "of it costs with no user namespace, with per-layer idmap (containerd 2.0.0-2.0.6, 2.1.0-2.1.4)",
        "and with common-parent idmap (2.0.7+, 2.1.5+, 2.2+). Images over --layer-threshold layers are",
        "flagged: 'mountscope images flatten REF' builds a single-layer copy."})
public final class ImagesCommand implements Callable<Integer> {
  /** Default layer count above which an image is flagged for flattening. */
  public static final int DEFAULT_LAYER_THRESHOLD = 20;

  @Spec
  CommandSpec spec;

  @Mixin
  ContainerdOptions containerd;

  @Option(names = "--layer-threshold", paramLabel = "N", defaultValue = "" + DEFAULT_LAYER_THRESHOLD,
      description = "Flag images with more layers than this (default: ${DEFAULT-VALUE}).")
  int threshold;

  @Option(names = "--json", description = "Print JSON (docs/json.md).")
  boolean json;

  /** What the command prints as JSON. */
  public record Report(ContainerdStatus containerd, int layerThreshold, List<ImageInfo> images, int overThreshold) {}

  @Override
  public Integer call() {
    if (threshold < 1) {
      throw new InputException("--layer-threshold must be 1 or more, got " + threshold);
    }
    Ctr ctr = connect(containerd.address);
    ContainerdStatus status = status(ctr);
    List<ImageInfo> images = ImageInventory.all(ctr, containerd.namespace, threshold);
    int over = (int) images.stream().filter(ImageInfo::overThreshold).count();
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(Json.pretty(new Report(status, threshold, images, over)));
    } else {
      out.println(render(status, images, threshold, over));
    }
    out.flush();
    return 0;
  }

  /** A ctr client for a containerd that answers, or exit 3 with the reason. */
  static Ctr connect(String address) {
    String a = ContainerdAddress.resolve(address);
    SocketCheck check = SocketCheck.of(a);
    if (!check.reachable()) {
      throw new UnavailableException("containerd not reachable: " + check.reason(),
          "start containerd, or point --containerd at its socket");
    }
    return Ctr.at(a);
  }

  /** Version and idmap strategy of the containerd behind {@code ctr}. */
  static ContainerdStatus status(Ctr ctr) {
    Version v = Version.ofCtrVersion(ctr.run(null, "version")).orElse(null);
    IdmapStrategy idmap = IdmapStrategy.of(v);
    return new ContainerdStatus(ctr.address(), ContainerdStatus.CONNECTED, null, System.currentTimeMillis(),
        v == null ? null : v.text(), idmap.json(), idmap.perLayer());
  }

  static String render(ContainerdStatus c, List<ImageInfo> images, int threshold, int over) {
    StringBuilder b = new StringBuilder();
    b.append("containerd ").append(c.version()).append(" at ").append(c.address()).append(": ")
        .append(StartupsLines.idmap(c)).append('\n');
    if (images.isEmpty()) {
      return b.append("no images").toString();
    }
    int ns = Math.max("NAMESPACE".length(), images.stream().mapToInt(i -> i.namespace().length()).max().orElse(0));
    String head = "%-" + ns + "s %6s %10s  %9s %9s %9s  %s%n";
    b.append(String.format(Locale.US, "%-" + ns + "s %6s %10s  %-29s%n", "", "", "", "MOUNT SYSCALLS PER START"));
    b.append(String.format(Locale.US, head, "NAMESPACE", "LAYERS", "SIZE", "NO USERNS", "PER-LAYER", "PARENT", "IMAGE"));
    for (ImageInfo i : images) {
      if (i.error() != null) {
        b.append(String.format(Locale.US, head, i.namespace(), "-", "-", "-", "-", "-", i.ref() + "  (" + i.error() + ")"));
        continue;
      }
      MountCost m = i.mountSyscallsPerStart();
      b.append(String.format(Locale.US, head, i.namespace(), i.layers(), Fmt.bytes(i.sizeBytes()), m.noUserns(),
          m.perLayerIdmap(), m.commonParentIdmap(),
          i.ref() + (i.overThreshold() ? "  <- over " + threshold + " layers: flatten" : "")));
    }
    if (over > 0) {
      b.append(Fmt.plural(over, "image has", "images have")).append(" more than ").append(threshold)
          .append(" layers; 'mountscope images flatten REF' builds a single-layer copy to measure against");
    }
    return b.toString().stripTrailing();
  }
}
