package io.mountscope.image;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/** Opens a layer blob as a tar stream: gzip or plain, recognised by its first bytes as containerd does. */
final class LayerStream {
  private LayerStream() {}

  static TarArchiveInputStream open(BlobSource blobs, Descriptor layer, String where) throws IOException {
    String why = MediaTypes.unreadableLayer(layer.mediaType());
    if (why != null) {
      throw new FlattenRefused(where + " is " + why);
    }
    InputStream raw = new BufferedInputStream(blobs.open(layer.digest()), 1 << 16);
    raw.mark(4);
    int b0 = raw.read();
    int b1 = raw.read();
    int b2 = raw.read();
    int b3 = raw.read();
    raw.reset();
    if (b0 == 0x28 && b1 == 0xb5 && b2 == 0x2f && b3 == 0xfd) {
      raw.close();
      throw new FlattenRefused(where + " is zstd-compressed; only gzip and uncompressed layers are supported");
    }
    InputStream tar = b0 == 0x1f && b1 == 0x8b ? new GzipCompressorInputStream(raw, true) : raw;
    return new TarArchiveInputStream(tar);
  }
}
