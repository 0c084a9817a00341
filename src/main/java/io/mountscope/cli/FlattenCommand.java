package io.mountscope.cli;

import io.mountscope.containerd.Ctr;
import io.mountscope.image.ContainerdFlatten;
import io.mountscope.util.Dirs;
import io.mountscope.util.Fmt;
import io.mountscope.util.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Builds a single-layer copy of an image and imports it under a new name; the original is only read. */
@Command(name = "flatten", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Apply REF's layers in order (whiteouts and opaque directories honoured) into one layer,",
        "and import the result into containerd as a new image (default name: REF's tag + '-flat'),",
        "so a start of it can be measured against the original. REF itself is only read."})
public final class FlattenCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  ContainerdOptions containerd;

  @Parameters(index = "0", paramLabel = "REF", description = "The image to flatten, as containerd names it.")
  String ref;

  @Option(names = "--tag", paramLabel = "NEW", description = "Name of the new image (default: REF with '-flat' appended to its tag).")
  String tag;

  @Option(names = "--snapshotter", paramLabel = "NAME", description = "Snapshotter to unpack the new image with (default: containerd's).")
  String snapshotter;

  @Option(names = "--work-dir", paramLabel = "DIR",
      description = "Where the new layer is built (default: mountscope's state directory; needs about the image's size).")
  Path workDir;

  @Option(names = "--json", description = "Print the result as JSON (docs/json.md).")
  boolean json;

  @Override
  public Integer call() throws IOException {
    Ctr ctr = ImagesCommand.connect(containerd.address);
    ContainerdFlatten.Result r = ContainerdFlatten.run(ctr, ContainerdFlatten.locate(ctr, containerd.namespace, ref),
        tag, snapshotter, workDir != null ? workDir : Dirs.stateDir().resolve("flatten"));
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(Json.pretty(r));
    } else {
      out.println("flattened " + r.source() + " (" + Fmt.plural(r.sourceLayers(), "layer", "layers") + ", "
          + Fmt.bytes(r.sourceSizeBytes()) + ") into " + r.target() + " (1 layer, " + Fmt.bytes(r.targetSizeBytes())
          + ") in namespace " + r.namespace());
      out.println("mount syscalls per user-namespaced start with per-layer idmap: "
          + r.sourceMountSyscallsPerStart().perLayerIdmap() + " -> " + r.targetMountSyscallsPerStart().perLayerIdmap()
          + "; the original is unchanged");
    }
    out.flush();
    return 0;
  }
}
