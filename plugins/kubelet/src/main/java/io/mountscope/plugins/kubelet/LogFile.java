package io.mountscope.plugins.kubelet;

import io.mountscope.plugin.api.Unavailable;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * A log file followed like {@code tail -F}: it keeps the file open and its offset, so a read only
 * reads what was appended. A rotation (the path now names another inode) is noticed on the next
 * read: the old file's last lines are read through the open handle, then the new file from its
 * start. A truncation in place (logrotate's copytruncate) restarts at 0. The first read starts
 * {@link #FIRST_TAIL} bytes before the end, and no read takes more than {@link #MAX_READ} bytes.
 */
final class LogFile implements KubeletLog {
  static final long FIRST_TAIL = 1 << 20;
  static final int MAX_READ = 4 << 20;
  /** A longer line is dropped in pieces: no kubelet line is this long, so it is not one we want. */
  static final int MAX_LINE = 64 << 10;

  private final Path path;
  private FileChannel channel;
  private Object fileKey;
  private long offset;
  private boolean skipPartialFirstLine;
  private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
  private long rotations;

  LogFile(Path path) {
    this.path = path;
  }

  @Override
  public List<String> readNew() throws Unavailable, IOException {
    List<String> out = new ArrayList<>();
    if (channel != null) {
      drain(out); // whatever the file we hold got before it was rotated away
    }
    BasicFileAttributes a;
    try {
      a = Files.readAttributes(path, BasicFileAttributes.class);
    } catch (NoSuchFileException e) {
      if (channel == null) {
        throw new Unavailable("no kubelet log at " + path + " (set log to the kubelet's log file, or to journal)");
      }
      return out; // between a rotation's rename and the kubelet's new file
    }
    if (!a.isRegularFile()) {
      throw new Unavailable(path + " is not a file");
    }
    if (channel == null || !a.fileKey().equals(fileKey)) {
      if (channel != null) {
        flushPartial(out);
        channel.close();
        rotations++;
        offset = 0;
      } else {
        offset = Math.max(0, a.size() - FIRST_TAIL);
        skipPartialFirstLine = offset > 0;
      }
      channel = FileChannel.open(path, StandardOpenOption.READ);
      fileKey = a.fileKey();
    } else if (channel.size() < offset) {
      partial.reset();
      rotations++;
      offset = 0;
    }
    drain(out);
    return out;
  }

  /** Reads from the offset to the end (at most MAX_READ), splitting complete lines off. */
  private void drain(List<String> out) throws IOException {
    long end = Math.min(channel.size(), offset + MAX_READ);
    if (end <= offset) {
      return;
    }
    ByteBuffer buf = ByteBuffer.allocate((int) (end - offset));
    while (buf.hasRemaining()) {
      int n = channel.read(buf, offset + buf.position());
      if (n < 0) {
        break;
      }
    }
    byte[] b = buf.array();
    int len = buf.position();
    offset += len;
    int start = 0;
    for (int i = 0; i < len; i++) {
      if (b[i] != '\n') {
        continue;
      }
      if (skipPartialFirstLine) {
        skipPartialFirstLine = false; // the first read began inside a line
      } else {
        partial.write(b, start, i - start);
        out.add(partial.toString(StandardCharsets.UTF_8));
      }
      partial.reset();
      start = i + 1;
    }
    if (!skipPartialFirstLine) {
      partial.write(b, start, len - start);
    }
    if (partial.size() > MAX_LINE) {
      partial.reset();
      skipPartialFirstLine = true; // drop the rest of this line too
    }
  }

  private void flushPartial(List<String> out) {
    if (partial.size() > 0 && !skipPartialFirstLine) {
      out.add(partial.toString(StandardCharsets.UTF_8));
    }
    partial.reset();
    skipPartialFirstLine = false;
  }

  @Override
  public String describe() {
    return path.toString();
  }

  @Override
  public long rotations() {
    return rotations;
  }

  @Override
  public void close() {
    try {
      if (channel != null) {
        channel.close();
      }
    } catch (IOException e) {
      // nothing held any more either way
    }
    channel = null;
  }
}
