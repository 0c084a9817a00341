package io.mountscope.stress;

import io.mountscope.journal.ChangeJournal;
import io.mountscope.journal.UndoOutcome;
import io.mountscope.journal.UndoRegistry;
import io.mountscope.util.InputException;
import io.mountscope.util.Json;
import io.mountscope.util.UnavailableException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A storm running in its worker process. The worker is started from this run's own keeper
 * thread, which lives exactly as long as the worker: PR_SET_PDEATHSIG fires when the thread that
 * forked a child ends, not the process. {@link #stop()} asks the worker to end after the start
 * each thread is in and report what it measured; a JVM shutdown (Ctrl-C, SIGTERM) stops it the
 * same way, then by signal to its pid if it does not end in time.
 */
public final class StressRun {
  private static final Logger LOG = LoggerFactory.getLogger(StressRun.class);
  private static final long GRACE_MILLIS = 5000;

  private final WorkerRequest request;
  private final ChangeJournal journal;
  private final Consumer<StressProgress> onProgress;
  private final CompletableFuture<StressResult> outcome = new CompletableFuture<>();
  private final Thread hook = new Thread(this::onShutdown, "stress-shutdown");
  private volatile Process worker;
  private volatile boolean stopRequested;

  private StressRun(WorkerRequest request, ChangeJournal journal, Consumer<StressProgress> onProgress) {
    this.request = request;
    this.journal = journal;
    this.onProgress = onProgress;
  }

  static StressRun launch(WorkerRequest request, ChangeJournal journal, Consumer<StressProgress> onProgress) {
    StressRun run = new StressRun(request, journal, onProgress);
    Runtime.getRuntime().addShutdownHook(run.hook);
    Thread keeper = new Thread(run::keep, "stress-keeper");
    keeper.setDaemon(true);
    keeper.start();
    return run;
  }

  /** The worker's pid, or -1 before it started. */
  public long workerPid() {
    Process p = worker;
    return p == null ? -1 : p.pid();
  }

  /** Asks the worker to stop after the current starts; the result then says {@code interrupted}. */
  public void stop() {
    LOG.info("stopping the stress worker {} (asked on thread {})", workerPid(), Thread.currentThread().getName());
    stopRequested = true;
    sendStop();
  }

  /** Waits for the end of the run and its clean-up; rethrows how it failed. */
  public StressResult await() throws InterruptedException {
    try {
      return outcome.get();
    } catch (ExecutionException e) {
      throw rethrow(e.getCause());
    }
  }

  /** Like {@link #await()}, but gives up after {@code millis}; null when the run is still going. */
  public StressResult await(long millis) throws InterruptedException {
    try {
      return outcome.get(millis, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      return null;
    } catch (ExecutionException e) {
      throw rethrow(e.getCause());
    }
  }

  public boolean isDone() {
    return outcome.isDone();
  }

  private static RuntimeException rethrow(Throwable cause) {
    if (cause instanceof RuntimeException r) {
      return r;
    }
    return new IllegalStateException(cause);
  }

  private void keep() {
    String failure = null;
    int failureCode = 0;
    StressResult result = null;
    try {
      Process p = new ProcessBuilder(StressEngine.workerCommand()).redirectError(ProcessBuilder.Redirect.PIPE).start();
      worker = p;
      drainStderr(p);
      OutputStream in = p.getOutputStream();
      synchronized (this) {
        in.write((Json.line(request) + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
      }
      if (stopRequested) {
        sendStop();
      }
      BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      String line;
      while ((line = out.readLine()) != null) {
        WorkerMessage m = Json.mapper().readValue(line, WorkerMessage.class);
        if (m instanceof WorkerMessage.Progress pr) {
          progress(pr.progress());
        } else if (m instanceof WorkerMessage.Result r) {
          result = r.result();
        } else if (m instanceof WorkerMessage.Failure f) {
          failure = f.message();
          failureCode = f.exitCode();
        }
      }
      int exit = p.waitFor();
      List<UndoOutcome> leftovers = cleanUp();
      if (!leftovers.isEmpty()) {
        outcome.completeExceptionally(new IllegalStateException(leftovers.size() + " storm changes could not be rolled back ("
            + leftovers.get(0).change().target() + ": " + leftovers.get(0).detail() + "); run 'mountscope recover'"));
      } else if (result != null) {
        outcome.complete(result);
      } else if (failure != null) {
        outcome.completeExceptionally(failure(failureCode, failure));
      } else {
        outcome.completeExceptionally(new WorkerDiedException(p.pid(), exit));
      }
    } catch (Throwable e) {
      LOG.error("stress run failed", e);
      Process p = worker;
      if (p != null && p.isAlive()) {
        p.destroyForcibly(); // our own worker, by its pid: it no longer has anyone to report to
        try {
          p.waitFor(GRACE_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
        }
      }
      try {
        cleanUp();
      } catch (RuntimeException c) {
        LOG.warn("clean-up failed", c);
      }
      outcome.completeExceptionally(e);
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running and waits for this outcome
      }
    }
  }

  private void progress(StressProgress p) {
    try {
      onProgress.accept(p);
    } catch (RuntimeException e) {
      LOG.warn("progress listener failed", e);
    }
  }

  /** After the worker: roll back a host run's journaled mounts, or remove a private run's empty directory. */
  private List<UndoOutcome> cleanUp() {
    if (journal != null) {
      return journal.rollBack(journal.pending(request.journalRun()), UndoRegistry.standard()).stream()
          .filter(o -> !o.undone()).toList();
    }
    try {
      Files.deleteIfExists(Path.of(request.root()));
    } catch (IOException e) {
      LOG.warn("cannot remove {}", request.root(), e);
    }
    return List.of();
  }

  private synchronized void sendStop() {
    Process p = worker;
    if (p != null && p.isAlive()) {
      try {
        OutputStream in = p.getOutputStream();
        in.write("stop\n".getBytes(StandardCharsets.UTF_8));
        in.flush();
      } catch (IOException e) {
        LOG.debug("worker stdin closed", e);
      }
    }
  }

  private void onShutdown() {
    stop();
    try {
      if (await(GRACE_MILLIS) == null && !isDone()) {
        Process p = worker;
        if (p != null) {
          p.destroy(); // SIGTERM to the worker's pid: it stops its threads and cleans up
          if (!p.waitFor(GRACE_MILLIS, TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
          }
        }
        await(GRACE_MILLIS);
      }
    } catch (RuntimeException | InterruptedException e) {
      LOG.debug("stress run ended with {}", e.toString());
    }
  }

  private static void drainStderr(Process p) {
    Thread t = new Thread(() -> {
      try (BufferedReader err = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = err.readLine()) != null) {
          LOG.warn("stress worker {}: {}", p.pid(), line);
        }
      } catch (IOException e) {
        LOG.debug("worker stderr closed", e);
      }
    }, "stress-stderr");
    t.setDaemon(true);
    t.start();
  }

  private static RuntimeException failure(int code, String message) {
    return switch (code) {
      case 2 -> new InputException(message);
      case 3 -> new UnavailableException(message, "");
      default -> new IllegalStateException("stress worker: " + message);
    };
  }
}
