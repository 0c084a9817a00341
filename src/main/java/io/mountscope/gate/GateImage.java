package io.mountscope.gate;

import io.mountscope.containerd.Ctr;
import io.mountscope.image.BlobSource;
import io.mountscope.image.ContainerdFlatten;
import io.mountscope.image.ContentStore;
import io.mountscope.image.Descriptor;
import io.mountscope.image.ImageRef;
import io.mountscope.image.OciLayout;
import io.mountscope.image.OciTarball;
import io.mountscope.image.Platform;
import io.mountscope.image.ResolvedImage;
import io.mountscope.util.InputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The image a gate judges: its name, where it came from ("oci-archive", "oci-layout", "docker-archive"
 * or "containerd"), and its layer count for this node's platform (or --platform's).
 */
public record GateImage(String name, String source, String platform, int layers) {

  /** An image archive (tar) or an OCI layout directory on disk. */
  public static GateImage fromFile(Path file, Platform platform) {
    try {
      if (Files.isDirectory(file)) {
        if (!Files.exists(file.resolve("index.json"))) {
          throw new InputException(file + ": a directory without index.json is not an OCI image layout");
        }
        OciLayout layout = new OciLayout(file);
        return resolve(file.toString(), "oci-layout", layout, layout.index(), platform);
      }
      try (OciTarball tar = new OciTarball(file)) {
        if (tar.has("index.json")) {
          return resolve(file.toString(), "oci-archive", tar, tar.index(), platform);
        }
        if (tar.has("manifest.json")) {
          List<OciTarball.DockerImage> images = tar.dockerLayers();
          if (images.size() != 1) {
            throw new InputException(file + ": a docker archive of " + images.size() + " images; the gate takes one");
          }
          OciTarball.DockerImage i = images.get(0);
          return new GateImage(i.tags().isEmpty() ? file.toString() : i.tags().get(0), "docker-archive", null, i.layers());
        }
        throw new InputException(file + ": not an image archive or layout (neither index.json nor manifest.json in it)");
      }
    } catch (IOException e) {
      throw new InputException(file + ": not an image archive or layout (" + e.getMessage() + ")");
    }
  }

  /** An image containerd holds: {@code ref} in {@code namespace}, or in the one namespace that has it. */
  public static GateImage fromContainerd(Ctr ctr, String namespace, String ref, Platform platform) {
    ImageRef found = ContainerdFlatten.locate(ctr, namespace, ref);
    try {
      ResolvedImage r = ResolvedImage.resolve(new ContentStore(ctr, found.namespace()), found.target(), platform);
      return new GateImage(found.name(), "containerd", r.platform().toString(), r.layerCount());
    } catch (IOException e) {
      throw new InputException(ref + ": cannot read its manifest (" + e.getMessage() + ")");
    }
  }

  /** The one image an index names, for {@code platform}: index.json may list an image per platform. */
  private static GateImage resolve(String where, String source, BlobSource blobs, List<Descriptor> index, Platform platform)
      throws IOException {
    if (index.isEmpty()) {
      throw new InputException(where + ": index.json lists no image");
    }
    Descriptor pick = index.get(0);
    if (index.size() > 1) {
      List<Descriptor> here = new ArrayList<>();
      for (Descriptor d : index) {
        if (d.platform() == null || platform.matches(d.platform())) {
          here.add(d);
        }
      }
      if (here.size() != 1) {
        throw new InputException(where + ": index.json lists " + index.size() + " images ("
            + String.join(", ", index.stream().map(GateImage::nameOf).toList()) + "); the gate takes an archive of one");
      }
      pick = here.get(0);
    }
    ResolvedImage r = ResolvedImage.resolve(blobs, pick, platform);
    return new GateImage(nameOf(pick) == null ? where : nameOf(pick), source, r.platform().toString(), r.layerCount());
  }

  private static String nameOf(Descriptor d) {
    Map<String, String> a = d.annotations();
    if (a == null) {
      return null;
    }
    return a.getOrDefault("io.containerd.image.name", a.get("org.opencontainers.image.ref.name"));
  }
}
