package io.mountscope.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Test images with busybox-static as their one binary: N layers, built by hand and imported into a test containerd. */
public final class TestImages {
  private TestImages() {}

  /** Layer 1: busybox and its sh link; layers 2..N: one small file each. */
  public static List<byte[]> busyboxLayers(int layers) {
    Path busybox = Prerequisites.command("busybox", "busybox-static");
    List<byte[]> out = new ArrayList<>();
    out.add(new TarLayer().dir("bin", 0755).copy("bin/busybox", busybox, 0755).symlink("bin/sh", "busybox")
        .dir("etc", 0755).file("etc/hello", "hello\n", 0644).tar());
    for (int i = 2; i <= layers; i++) {
      out.add(new TarLayer().dir("layers", 0755).file("layers/" + i, "layer " + i + "\n", 0644).tar());
    }
    return out;
  }

  /** Builds an OCI layout of {@code layers} named {@code name} and imports it; returns the layout directory. */
  public static Path importImage(Containerd c, Path work, String name, List<byte[]> layers) throws IOException, InterruptedException {
    Path layout = Files.createTempDirectory(work, "layout");
    OciImages.writeLayout(layout, name, layers, "application/vnd.oci.image.layer.v1.tar+gzip", "[\"/bin/sh\"]");
    c.importImage(OciImages.pack(layout, work.resolve(layout.getFileName() + ".tar")));
    return layout;
  }

  /** Bytes of all blobs of a layout: layers, config and manifest, what "ctr images ls" calls the size. */
  public static long blobBytes(Path layout) throws IOException {
    try (var files = Files.list(layout.resolve("blobs/sha256"))) {
      long sum = 0;
      for (Path p : files.toList()) {
        sum += Files.size(p);
      }
      return sum;
    }
  }
}
