package io.mountscope.image;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** An image reference resolved to the one manifest that runs on this node's platform. */
public record ResolvedImage(Descriptor manifestDescriptor, ImageManifest manifest, Platform platform) {

  /** Follows {@code target} (an index or a manifest) to the manifest for {@code platform}. */
  public static ResolvedImage resolve(BlobSource blobs, Descriptor target, Platform platform) throws IOException {
    byte[] json = blobs.read(target.digest());
    if (!ImageManifest.isIndex(target.mediaType(), json)) {
      // "ctr images ls" gives no size for the target; the blob itself does
      Descriptor manifest = new Descriptor(target.mediaType(), target.digest(), json.length, target.platform(),
          target.annotations());
      return new ResolvedImage(manifest, ImageManifest.parse(json), platform);
    }
    List<String> seen = new ArrayList<>();
    for (Descriptor d : ImageManifest.indexEntries(json)) {
      if (d.platform() == null) {
        continue;
      }
      seen.add(d.platform().toString());
      if (platform.matches(d.platform())) {
        return resolve(blobs, d, d.platform());
      }
    }
    throw new IOException("no manifest for " + platform + " (the image has: "
        + (seen.isEmpty() ? "none with a platform" : String.join(", ", seen)) + ")");
  }

  public int layerCount() {
    return manifest.layers().size();
  }

  /** Layers, config and manifest as stored, the size containerd's "ctr images ls" reports. */
  public long storedSize() {
    return manifest.layersSize() + manifest.config().size() + manifestDescriptor.size();
  }
}
