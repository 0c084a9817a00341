package io.mountscope.image;

import io.mountscope.containerd.Ctr;
import java.io.InputStream;

/** Blobs of one containerd namespace, read with {@code ctr content get DIGEST}. */
public record ContentStore(Ctr ctr, String namespace) implements BlobSource {
  @Override
  public InputStream open(String digest) {
    return ctr.open(namespace, "content", "get", digest);
  }
}
