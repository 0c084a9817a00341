package io.mountscope.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/** Bytes read by position: a recording on disk (a file channel) or in memory (the demo). */
interface ByteSource {
  /** Reads up to {@code len} bytes at {@code position}; -1 at the end. */
  int read(long position, byte[] into, int off, int len) throws IOException;

  /** A file, read through its channel without moving a shared position (safe across threads). */
  static ByteSource of(FileChannel channel) {
    return (position, into, off, len) -> channel.read(ByteBuffer.wrap(into, off, len), position);
  }

  static ByteSource of(byte[] bytes) {
    return (position, into, off, len) -> {
      if (position >= bytes.length) {
        return -1;
      }
      int n = (int) Math.min(len, bytes.length - position);
      System.arraycopy(bytes, (int) position, into, off, n);
      return n;
    };
  }
}
