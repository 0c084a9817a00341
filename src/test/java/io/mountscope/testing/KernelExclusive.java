package io.mountscope.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A machine-wide lock for tests that count system-wide kernel events (mount syscalls, lock
 * contention, CPU samples) and would be disturbed by another test run doing the same at the same
 * time. Hold it for the whole measurement: {@code try (var quiet = KernelExclusive.acquire()) {...}}.
 */
public final class KernelExclusive implements AutoCloseable {
  private static final Path LOCK = Path.of("/tmp/mountscope-kernel-tests.lock");
  private final FileChannel channel;
  private final FileLock lock;

  private KernelExclusive(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  public static KernelExclusive acquire() {
    try {
      FileChannel ch = FileChannel.open(LOCK, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      return new KernelExclusive(ch, ch.lock());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    try {
      lock.release();
      channel.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
