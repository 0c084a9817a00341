package io.mountscope.image;

import java.io.IOException;
import java.io.InputStream;

/** Where an image's blobs come from: containerd's content store, or an OCI layout on disk. */
public interface BlobSource {
  /** Streams the blob with this digest ("sha256:..."); the caller closes it. */
  InputStream open(String digest) throws IOException;

  /** The whole blob, for small ones (manifests, configs). */
  default byte[] read(String digest) throws IOException {
    try (InputStream in = open(digest)) {
      return in.readAllBytes();
    }
  }
}
