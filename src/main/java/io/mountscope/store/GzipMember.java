package io.mountscope.store;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.GZIPOutputStream;
import java.util.zip.Inflater;

/**
 * One gzip member (RFC 1952) at a time. A recording is a sequence of members, one per line, so a
 * file cut anywhere keeps every member before the cut whole, any member can be read on its own
 * (seeking), and {@code zcat} reads the whole file as the JSON lines it holds.
 */
final class GzipMember {
  /** Larger decoded members are refused: a sample is kilobytes, not a zip bomb. */
  static final int MAX_CONTENT = 64 << 20;
  private static final int FTEXT_FHCRC = 2;
  private static final int FEXTRA = 4;
  private static final int FNAME = 8;
  private static final int FCOMMENT = 16;
  private static final int RESERVED = 0xe0;

  private GzipMember() {}

  /** A decoded member: where it starts, how many bytes it takes in the file, and what it holds. */
  record Decoded(long offset, long length, byte[] content) {}

  /** Why a member could not be read (the recording is intact up to its first byte). */
  static final class Damage extends Exception {
    private static final long serialVersionUID = 1L;

    Damage(String reason) {
      super(reason);
    }
  }

  static byte[] encode(byte[] content) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(content.length / 4 + 64);
    try (GZIPOutputStream gz = new GZIPOutputStream(out, 8192)) {
      gz.write(content);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // in memory: cannot happen
    }
    return out.toByteArray();
  }

  /** The member starting at {@code offset}, or null when the source ends exactly there. */
  static Decoded decode(ByteSource src, long offset) throws IOException, Damage {
    Reader in = new Reader(src, offset);
    int first = in.next();
    if (first < 0) {
      return null;
    }
    int second = in.next();
    if (second < 0) {
      throw truncated();
    }
    if (first != 0x1f || second != 0x8b) {
      throw new Damage(String.format(java.util.Locale.US, "not a gzip member (bytes 0x%02x 0x%02x)", first, second));
    }
    int method = in.required();
    int flags = in.required();
    if (method != 8 || (flags & RESERVED) != 0) {
      throw new Damage("not a deflate gzip member (method " + method + ", flags 0x" + Integer.toHexString(flags) + ")");
    }
    in.skip(6); // mtime, extra flags, OS
    if ((flags & FEXTRA) != 0) {
      in.skip(in.required() | in.required() << 8);
    }
    if ((flags & FNAME) != 0) {
      in.skipZeroTerminated();
    }
    if ((flags & FCOMMENT) != 0) {
      in.skipZeroTerminated();
    }
    if ((flags & FTEXT_FHCRC) != 0) {
      in.skip(2);
    }
    byte[] content = inflate(in);
    long crc = in.required() | in.required() << 8 | in.required() << 16 | (long) in.required() << 24;
    long size = in.required() | in.required() << 8 | in.required() << 16 | (long) in.required() << 24;
    CRC32 check = new CRC32();
    check.update(content);
    if (check.getValue() != crc) {
      throw new Damage("CRC mismatch: the member's data is corrupted");
    }
    if ((content.length & 0xffffffffL) != size) {
      throw new Damage("length mismatch: the member's data is corrupted");
    }
    return new Decoded(offset, in.position - offset, content);
  }

  private static byte[] inflate(Reader in) throws IOException, Damage {
    Inflater inflater = new Inflater(true);
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
      byte[] buf = new byte[16384];
      while (!inflater.finished()) {
        if (inflater.needsInput()) {
          int n = in.fill();
          if (n < 0) {
            throw truncated();
          }
          inflater.setInput(in.buffer, in.start, n);
          in.consume(n);
        }
        int n = inflater.inflate(buf);
        out.write(buf, 0, n);
        if (out.size() > MAX_CONTENT) {
          throw new Damage("a line longer than " + (MAX_CONTENT >> 20) + " MiB: not a recording");
        }
        if (n == 0 && inflater.needsDictionary()) {
          throw new Damage("corrupt deflate data (asks for a preset dictionary)");
        }
      }
      in.unread(inflater.getRemaining()); // what the inflater did not use is the trailer
      return out.toByteArray();
    } catch (DataFormatException e) {
      throw new Damage("corrupt deflate data (" + e.getMessage() + ")");
    } finally {
      inflater.end();
    }
  }

  private static Damage truncated() {
    return new Damage("unexpected end of gzip stream");
  }

  /** A cursor over the source with a small buffer. */
  private static final class Reader {
    private final ByteSource src;
    private final byte[] buffer = new byte[65536];
    private long position;
    private long bufferPosition;
    private int start;
    private int end;

    Reader(ByteSource src, long offset) {
      this.src = src;
      this.position = offset;
      this.bufferPosition = offset;
    }

    /** Makes bytes available at the position; returns how many, or -1 at the end. */
    int fill() throws IOException {
      if (position < bufferPosition || position >= bufferPosition + end) {
        bufferPosition = position;
        end = 0;
        while (end == 0) {
          int n = src.read(position, buffer, 0, buffer.length);
          if (n < 0) {
            return -1;
          }
          end = n;
        }
      }
      start = (int) (position - bufferPosition);
      return end - start;
    }

    void consume(int n) {
      position += n;
    }

    void unread(int n) {
      position -= n;
    }

    int next() throws IOException {
      if (fill() < 0) {
        return -1;
      }
      int b = buffer[start] & 0xff;
      position++;
      return b;
    }

    int required() throws IOException, Damage {
      int b = next();
      if (b < 0) {
        throw truncated();
      }
      return b;
    }

    void skip(int n) throws IOException, Damage {
      for (int i = 0; i < n; i++) {
        required();
      }
    }

    void skipZeroTerminated() throws IOException, Damage {
      while (required() != 0) {
        // a file name or comment: not ours to read
      }
    }
  }
}
