package io.mountscope.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * For a command that runs until a signal (record, serve): on Ctrl-C or SIGTERM the JVM's shutdown
 * hook asks the command's loop to stop and waits, up to 10 s, until the command has finished
 * cleanly ({@link #close()}), so a file is closed and a port released before the JVM exits.
 */
final class GracefulStop implements AutoCloseable {
  private final CountDownLatch finished = new CountDownLatch(1);
  private final Thread hook;

  GracefulStop(String name, Runnable stop) {
    hook = new Thread(() -> {
      stop.run();
      try {
        finished.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, name);
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /** The command has finished: a signal now has nothing to wait for. */
  @Override
  public void close() {
    finished.countDown();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // exiting on a signal: the hook is running and has what it waited for
    }
  }
}
