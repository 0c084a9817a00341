package io.mountscope.bench;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The machine-wide lock that benchmarks and kernel-counting tests hold, so that two of them never
 * measure at once on a shared machine (the same file as the tests' KernelExclusive).
 */
final class MachineLock implements AutoCloseable {
  static final Path FILE = Path.of("/tmp/mountscope-kernel-tests.lock");
  private final FileChannel channel;
  private final FileLock lock;

  private MachineLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /** Blocks until the lock is free. */
  static MachineLock acquire() throws IOException {
    FileChannel ch = FileChannel.open(FILE, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    return new MachineLock(ch, ch.lock());
  }

  @Override
  public void close() throws IOException {
    lock.release();
    channel.close();
  }
}
