package io.mountscope.image;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.Deflater;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipParameters;

/**
 * Pass two of flattening: writes the one layer (gzip tar) and digests it twice on the way, the
 * uncompressed stream (the config's diff_id) and the compressed file (the manifest's digest).
 */
final class FlatLayerWriter implements Closeable {
  /** The written layer: compressed digest and size, and the uncompressed diff_id. */
  record Written(String digest, long size, String diffId) {}

  private final Digests.Counting compressed;
  private final Digests.Counting uncompressed;
  private final TarArchiveOutputStream tar;

  FlatLayerWriter(Path file) throws IOException {
    OutputStream fileOut = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
    compressed = new Digests.Counting(fileOut);
    GzipParameters gz = new GzipParameters();
    gz.setCompressionLevel(Deflater.BEST_SPEED);
    uncompressed = new Digests.Counting(new GzipCompressorOutputStream(compressed, gz));
    tar = new TarArchiveOutputStream(uncompressed, "UTF-8");
    tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
    tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
    tar.setAddPaxHeadersForNonAsciiNames(true);
  }

  /** A directory from its surviving header. */
  void directory(String path, TarArchiveEntry header) throws IOException {
    header.setName(path + "/");
    tar.putArchiveEntry(header);
    tar.closeArchiveEntry();
  }

  /** Any other surviving entry, with its content from the layer stream it was read from. */
  void entry(String path, TarArchiveEntry e, InputStream content) throws IOException {
    e.setName(path);
    if (e.isLink()) {
      e.setLinkName(LayerMerge.normalize(e.getLinkName(), path));
    }
    tar.putArchiveEntry(e);
    if (e.isFile() && !e.isLink() && e.getSize() > 0) {
      long copied = content.transferTo(tar);
      if (copied != e.getSize()) {
        throw new IOException(path + ": copied " + copied + " of " + e.getSize() + " bytes");
      }
    }
    tar.closeArchiveEntry();
  }

  /** Ends the tar and the gzip stream; the digests are final after this. */
  Written finish() throws IOException {
    tar.finish();
    tar.close();
    return new Written(compressed.digest(), compressed.count(), uncompressed.digest());
  }

  @Override
  public void close() throws IOException {
    tar.close();
  }
}
