package io.mountscope.image;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Writes an OCI image layout as one tar file (oci-layout, index.json, blobs/sha256/...), the form
 * {@code ctr images import} and {@code docker load} read.
 */
public final class OciArchive implements AutoCloseable {
  private final TarArchiveOutputStream tar;

  public OciArchive(Path file) throws IOException {
    OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
    tar = new TarArchiveOutputStream(out, "UTF-8");
    tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
    tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
    bytes("oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes(StandardCharsets.UTF_8));
  }

  /** Adds a small blob and returns its digest. */
  public String blob(byte[] content) throws IOException {
    String digest = Digests.of(content);
    bytes(blobPath(digest), content);
    return digest;
  }

  /** Adds a blob from a file whose digest is already known. */
  public void blob(String digest, Path file) throws IOException {
    TarArchiveEntry e = new TarArchiveEntry(blobPath(digest));
    e.setSize(Files.size(file));
    e.setMode(0644);
    tar.putArchiveEntry(e);
    try (InputStream in = Files.newInputStream(file)) {
      in.transferTo(tar);
    }
    tar.closeArchiveEntry();
  }

  /** Writes index.json; call once, last. */
  public void index(byte[] json) throws IOException {
    bytes("index.json", json);
  }

  private void bytes(String name, byte[] content) throws IOException {
    TarArchiveEntry e = new TarArchiveEntry(name);
    e.setSize(content.length);
    e.setMode(0644);
    tar.putArchiveEntry(e);
    tar.write(content);
    tar.closeArchiveEntry();
  }

  private static String blobPath(String digest) {
    return "blobs/" + digest.replace(':', '/');
  }

  @Override
  public void close() throws IOException {
    tar.finish();
    tar.close();
  }
}
