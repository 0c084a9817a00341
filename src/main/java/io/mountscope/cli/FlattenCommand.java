package io.mountscope.cli;

import io.mountscope.containerd.Ctr;
import io.mountscope.containerd.CtrException;
import io.mountscope.image.ContentStore;
import io.mountscope.image.FlattenRefused;
import io.mountscope.image.Flattener;
import io.mountscope.image.ImageInfo;
import io.mountscope.image.ImageInventory;
import io.mountscope.image.ImageRef;
import io.mountscope.image.MountCost;
import io.mountscope.image.Platform;
import io.mountscope.image.ResolvedImage;
import io.mountscope.util.Dirs;
import io.mountscope.util.Fmt;
import io.mountscope.util.InputException;
import io.mountscope.util.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
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

  /** What flatten did, as JSON. */
  public record Result(String namespace, String source, String sourceDigest, int sourceLayers, long sourceSizeBytes,
      String target, String targetDigest, int targetLayers, long targetSizeBytes, MountCost sourceMountSyscallsPerStart,
      MountCost targetMountSyscallsPerStart) {}

  @Override
  public Integer call() throws IOException {
    Ctr ctr = ImagesCommand.connect(containerd.address);
    ImageRef source = locate(ctr);
    String target = tag != null ? tag.trim() : defaultTag(source.name());
    if (target.isEmpty() || target.chars().anyMatch(Character::isWhitespace)) {
      throw new InputException("--tag '" + tag + "' is not an image name");
    }
    if (target.equals(source.name())) {
      throw new InputException("--tag " + target + " is the image itself; flatten never overwrites the original");
    }
    if (ImageInventory.find(ctr, source.namespace(), target).isPresent()) {
      throw new InputException(target + " already exists in namespace " + source.namespace()
          + ": choose another --tag, or remove it first (ctr -n " + source.namespace() + " images rm " + target + ")");
    }
    ContentStore blobs = new ContentStore(ctr, source.namespace());
    ResolvedImage image;
    try {
      image = ResolvedImage.resolve(blobs, source.target(), Platform.current());
    } catch (IOException e) {
      throw new FlattenRefused("cannot flatten " + source.name() + ": " + e.getMessage());
    }
    if (image.layerCount() == 1) {
      throw new InputException(source.name() + " has a single layer already: nothing to flatten");
    }
    Flattener.check(source.name(), image);

    Path base = workDir != null ? workDir : Dirs.stateDir().resolve("flatten");
    Files.createDirectories(base);
    Path work = Files.createTempDirectory(base, "flatten-");
    try {
      Flattener.Result r = Flattener.flatten(blobs, image, source.name(), target, work);
      List<String> importArgs = new ArrayList<>(List.of("images", "import"));
      if (snapshotter != null) {
        importArgs.addAll(List.of("--snapshotter", snapshotter));
      }
      importArgs.add(r.archive().toString());
      try {
        ctr.withTimeout(3600).run(source.namespace(), importArgs.toArray(String[]::new));
      } catch (CtrException e) {
        throw new IllegalStateException("importing the flattened image failed: " + e.reason(), e);
      }
      ImageInfo after = ImageInventory.find(ctr, source.namespace(), target)
          .map(i -> ImageInventory.inspect(ctr, i, Integer.MAX_VALUE))
          .orElseThrow(() -> new IllegalStateException("ctr images import did not create " + target));
      if (after.layers() == null || after.layers() != 1) {
        throw new IllegalStateException(target + " was imported with " + after.layers() + " layers, expected 1");
      }
      print(new Result(source.namespace(), source.name(), source.target().digest(), image.layerCount(),
          image.storedSize(), target, after.digest(), 1, after.sizeBytes(), MountCost.of(image.layerCount()),
          MountCost.of(1)));
      return 0;
    } finally {
      deleteTree(work);
    }
  }

  private void print(Result r) {
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
  }

  /** REF in the namespace given, or in the one namespace that has it. */
  private ImageRef locate(Ctr ctr) {
    List<String> namespaces = containerd.namespace != null ? List.of(containerd.namespace) : ImageInventory.namespaces(ctr);
    List<ImageRef> found = new ArrayList<>();
    for (String ns : namespaces) {
      ImageInventory.find(ctr, ns, ref).ifPresent(found::add);
    }
    if (found.isEmpty()) {
      throw new InputException("no image " + ref + " in containerd at " + ctr.address()
          + (containerd.namespace != null ? " namespace " + containerd.namespace : " (namespaces: " + String.join(", ", namespaces) + ")"));
    }
    if (found.size() > 1) {
      throw new InputException(ref + " exists in namespaces "
          + String.join(", ", found.stream().map(ImageRef::namespace).toList()) + ": choose one with --namespace");
    }
    return found.get(0);
  }

  /** "registry/app:1.2" -> "registry/app:1.2-flat"; a digest reference needs --tag. */
  static String defaultTag(String name) {
    if (name.contains("@")) {
      throw new InputException(name + " is a digest reference: name the new image with --tag");
    }
    int slash = name.lastIndexOf('/');
    int colon = name.lastIndexOf(':');
    return colon > slash ? name + "-flat" : name + ":latest-flat";
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
