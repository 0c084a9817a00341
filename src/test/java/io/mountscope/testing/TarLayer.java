package io.mountscope.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/** Builds one image layer (a tar, as docker build would write it) entry by entry, for tests. */
public final class TarLayer {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes, "UTF-8");

  public TarLayer() {
    tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
  }

  public TarLayer dir(String path, int mode) {
    TarArchiveEntry e = new TarArchiveEntry(path.endsWith("/") ? path : path + "/");
    e.setMode(040000 | mode);
    return put(e, null);
  }

  public TarLayer file(String path, String content, int mode) {
    return file(path, content.getBytes(StandardCharsets.UTF_8), mode);
  }

  public TarLayer file(String path, byte[] content, int mode) {
    TarArchiveEntry e = new TarArchiveEntry(path);
    e.setMode(0100000 | mode);
    e.setSize(content.length);
    return put(e, content);
  }

  /** A file copied from the host, such as /bin/busybox. */
  public TarLayer copy(String path, Path from, int mode) {
    try {
      return file(path, Files.readAllBytes(from), mode);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public TarLayer symlink(String path, String target) {
    TarArchiveEntry e = new TarArchiveEntry(path, TarArchiveEntry.LF_SYMLINK);
    e.setLinkName(target);
    e.setMode(0120777);
    return put(e, null);
  }

  public TarLayer hardlink(String path, String target) {
    TarArchiveEntry e = new TarArchiveEntry(path, TarArchiveEntry.LF_LINK);
    e.setLinkName(target);
    e.setMode(0100644);
    return put(e, null);
  }

  /** Deletes {@code path} of the layers below. */
  public TarLayer whiteout(String path) {
    int slash = path.lastIndexOf('/');
    return file(path.substring(0, slash + 1) + ".wh." + path.substring(slash + 1), new byte[0], 0);
  }

  /** Hides everything the layers below have in {@code dir}. */
  public TarLayer opaque(String dir) {
    return file(dir + "/.wh..wh..opq", new byte[0], 0);
  }

  private TarLayer put(TarArchiveEntry e, byte[] content) {
    try {
      e.setModTime(1_700_000_000_000L);
      tar.putArchiveEntry(e);
      if (content != null) {
        tar.write(content);
      }
      tar.closeArchiveEntry();
      return this;
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }

  /** The uncompressed tar. */
  public byte[] tar() {
    try {
      tar.finish();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static byte[] gzip(byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
