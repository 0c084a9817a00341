package io.mountscope.store;

import io.mountscope.model.Sample;
import io.mountscope.util.InputException;
import io.mountscope.util.Json;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes a recording: a header line, then one Sample per line, each line its own gzip member
 * written with one write(2), so a kill -9 at any moment leaves every sample before it readable.
 * The file is size-bounded: when the next sample would take it past {@link Limits#maxBytes} it is
 * rotated to {@code FILE.1} (older parts shift to {@code FILE.2} ...; beyond {@link Limits#keep}
 * they are deleted) and {@code FILE} starts again with the next part's header.
 */
public final class RecordingWriter implements AutoCloseable {
  /** How often written samples are forced to disk (a kill loses nothing; this bounds a power loss). */
  static final long FSYNC_NANOS = 10_000_000_000L;

  private final Path file;
  private final Limits limits;
  private RecordingHeader header;
  private FileChannel channel;
  private long partBytes;
  private long partSamples;
  private long samples;
  private long bytes;
  private long lastSync = System.nanoTime();
  private boolean closed;

  /**
   * Size bounds: at most {@code maxBytes} per file (one sample larger than that still gets a file
   * of its own), and {@code keep} rotated files besides FILE, so at most (keep + 1) x maxBytes.
   */
  public record Limits(long maxBytes, int keep) {
    public static final long MIN_BYTES = 64 * 1024;
    public static final Limits DEFAULT = new Limits(64L << 20, 4);

    public Limits {
      if (maxBytes < MIN_BYTES) {
        throw new InputException("--max-bytes " + maxBytes + ": at least " + MIN_BYTES + " (64K) per file");
      }
      if (keep < 0 || keep > 1000) {
        throw new InputException("--keep " + keep + ": 0 to 1000 rotated files");
      }
    }
  }

  private RecordingWriter(Path file, RecordingHeader header, Limits limits) {
    this.file = file;
    this.header = header;
    this.limits = limits;
  }

  /**
   * Starts a recording in {@code file}. An existing FILE (or FILE.N) is an error unless
   * {@code replace}, which deletes them first; so is a directory that does not exist.
   */
  public static RecordingWriter create(Path file, RecordingHeader header, Limits limits, boolean replace)
      throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    if (dir == null || !Files.isDirectory(dir)) {
      throw new InputException(file + ": directory " + dir + " does not exist");
    }
    if (Files.isDirectory(file)) {
      throw new InputException(file + ": is a directory; give a file name");
    }
    var old = RecordingParts.existing(file);
    if (!old.isEmpty() && !replace) {
      throw new InputException(old.get(0) + " exists: choose another file, or --force to replace it"
          + (old.size() > 1 ? " and its " + (old.size() - 1) + " rotated parts" : ""));
    }
    for (Path p : old) {
      Files.delete(p);
    }
    RecordingWriter w = new RecordingWriter(file, header, limits);
    w.openPart();
    return w;
  }

  /** Appends one sample; false once the writer is closed (a late tick after Ctrl-C). */
  public synchronized boolean append(Sample sample) throws IOException {
    if (closed) {
      return false;
    }
    byte[] member = GzipMember.encode((Json.line(sample) + "\n").getBytes(StandardCharsets.UTF_8));
    if (partSamples > 0 && partBytes + member.length > limits.maxBytes()) {
      rotate();
    }
    long end = channel.position();
    try {
      write(member);
    } catch (IOException e) {
      // A full disk: take back the part of the member that fitted, so the file ends on a whole sample.
      try {
        channel.truncate(end);
      } catch (IOException ignored) {
        // the replay will say where the file stops being readable
      }
      throw e;
    }
    partSamples++;
    samples++;
    if (System.nanoTime() - lastSync > FSYNC_NANOS) {
      channel.force(false);
      lastSync = System.nanoTime();
    }
    return true;
  }

  /** Samples written so far, over all parts. */
  public synchronized long samples() {
    return samples;
  }

  /** Bytes written so far, over all parts (deleted old parts included). */
  public synchronized long bytes() {
    return bytes;
  }

  /** The part being written (1 until the first rotation). */
  public synchronized int part() {
    return header.part();
  }

  public Path file() {
    return file;
  }

  private void openPart() throws IOException {
    channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    partBytes = 0;
    partSamples = 0;
    write(GzipMember.encode((Json.line(header) + "\n").getBytes(StandardCharsets.UTF_8)));
  }

  private void write(byte[] member) throws IOException {
    ByteBuffer buf = ByteBuffer.wrap(member);
    while (buf.hasRemaining()) {
      channel.write(buf);
    }
    partBytes += member.length;
    bytes += member.length;
  }

  private void rotate() throws IOException {
    channel.force(true);
    channel.close();
    int keep = limits.keep();
    Files.deleteIfExists(RecordingParts.rotated(file, keep + 1)); // a leftover beyond what we keep
    for (int k = keep; k >= 1; k--) {
      Path from = k == 1 ? file : RecordingParts.rotated(file, k - 1);
      Path to = RecordingParts.rotated(file, k);
      if (Files.exists(from)) {
        Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      }
    }
    if (keep == 0) {
      Files.delete(file);
    }
    header = header.nextPart();
    openPart();
  }

  @Override
  public synchronized void close() throws IOException {
    if (!closed) {
      closed = true;
      channel.force(true);
      channel.close();
    }
  }
}
