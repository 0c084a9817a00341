package io.mountscope.image;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Blobs of an OCI image layout directory (index.json, blobs/sha256/...), as {@code skopeo copy oci:} writes it. */
public record OciLayout(Path dir) implements BlobSource {
  @Override
  public InputStream open(String digest) throws IOException {
    int colon = digest.indexOf(':');
    if (colon < 0 || digest.indexOf('/') >= 0) {
      throw new IOException("not a digest: " + digest);
    }
    Path blob = dir.resolve("blobs").resolve(digest.substring(0, colon)).resolve(digest.substring(colon + 1));
    try {
      return Files.newInputStream(blob);
    } catch (NoSuchFileException e) {
      throw new IOException("blob " + digest + " missing in " + dir, e);
    }
  }

  /** The descriptors of index.json. */
  public java.util.List<Descriptor> index() throws IOException {
    return ImageManifest.indexEntries(Files.readAllBytes(dir.resolve("index.json")));
  }
}
