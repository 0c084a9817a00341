package io.mountscope.kernel;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs work on a dedicated thread that has left the host's mount namespace. unshare(CLONE_NEWNS)
 * affects only the calling thread (it also unshares the thread's fs_struct), and threads that this
 * thread starts inherit the new namespace. Everything mounted there, and the namespace itself,
 * disappears when the last of those threads ends: nothing can leak onto the host.
 */
public final class PrivateMountNamespace {
  private PrivateMountNamespace() {}

  /** Unshares the calling thread's mount namespace and stops propagation back to the host. */
  public static void enterOnThisThread() {
    Syscalls.unshare(Syscalls.CLONE_NEWNS);
    Syscalls.mount("none", "/", null, Syscalls.MS_REC | Syscalls.MS_PRIVATE, null);
  }

  /** Runs {@code body} on a new thread inside a fresh private mount namespace and waits for it. */
  public static <T> T call(String threadName, Callable<T> body) throws Exception {
    AtomicReference<T> result = new AtomicReference<>();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread t = new Thread(() -> {
      try {
        enterOnThisThread();
        result.set(body.call());
      } catch (Throwable e) {
        failure.set(e);
      }
    }, threadName);
    t.setDaemon(true);
    t.start();
    t.join();
    Throwable e = failure.get();
    if (e instanceof Exception ex) {
      throw ex;
    }
    if (e instanceof Error err) {
      throw err;
    }
    if (e != null) {
      throw new ExecutionException(e);
    }
    return result.get();
  }
}
