package io.mountscope.stress;

import com.sun.jna.Native;
import io.mountscope.journal.ChangeJournal;
import io.mountscope.journal.UndoRegistry;
import io.mountscope.kernel.Errno;
import io.mountscope.kernel.LibC;
import io.mountscope.kernel.PrivateMountNamespace;
import io.mountscope.kernel.SyscallException;
import io.mountscope.kernel.Syscalls;
import io.mountscope.util.InputException;
import io.mountscope.util.Json;
import io.mountscope.util.UnavailableException;
import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stress worker process (the same jar, this main class; started by {@link StressEngine}).
 * It leaves the host's mount namespace (unless asked for the host's), mounts a tmpfs for its
 * scratch tree, runs the {@link Storm}, and speaks the {@link WorkerMessage} protocol on stdout.
 * It dies with its parent (PR_SET_PDEATHSIG, end of stdin) and cleans up on every way out.
 */
public final class WorkerMain {
  private static final Logger LOG = LoggerFactory.getLogger(WorkerMain.class);

  private final PrintStream protocol;
  private final long[] setupSyscalls = new long[SyscallKind.values().length];
  private volatile Storm storm;
  private volatile boolean stopEarly;
  private WorkerRequest request;
  private boolean rootMounted;
  private boolean cleaned;

  private WorkerMain(PrintStream protocol) {
    this.protocol = protocol;
  }

  public static void main(String[] args) {
    PrintStream protocol = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
    System.setOut(System.err); // nothing but protocol lines may reach the parent's pipe
    WorkerMain w = new WorkerMain(protocol);
    int code;
    try {
      code = w.serve();
    } catch (Throwable e) {
      code = w.fail(e);
    }
    protocol.flush();
    System.exit(code);
  }

  private int serve() throws Exception {
    // Ctrl-C reaches the whole foreground process group: the parent decides how the worker stops.
    LibC.signal(LibC.SIGINT, LibC.SIG_IGN);
    Syscalls.dieWithParent(LibC.SIGTERM);
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String first = in.readLine();
    if (first == null) {
      return 4;
    }
    request = Json.mapper().readValue(first, WorkerRequest.class);
    long parent = ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L);
    if (parent != request.parentPid()) {
      LOG.warn("parent {} gone before PR_SET_PDEATHSIG took effect; not starting", request.parentPid());
      return 4;
    }
    StressParams params = request.params().validate();
    Runtime.getRuntime().addShutdownHook(new Thread(this::onTermination, "worker-termination"));
    Thread watcher = new Thread(() -> watchParent(in), "worker-stdin");
    watcher.setDaemon(true);
    watcher.start();
    LOG.info("stress worker: {} layers={} threads={} namespace={} root={}", params.pattern(), params.layers(),
        params.threads(), params.namespace(), request.root());

    Layout layout = setUp(params);
    Storm s = new Storm(params, layout);
    storm = s;
    if (stopEarly) {
      s.requestStop();
    }
    StressResult result = s.run(p -> send(new WorkerMessage.Progress(p)), request.progressMillis());
    cleanUp();
    send(new WorkerMessage.Result(result.withSetup(SyscallCounts.of(setupSyscalls))));
    return 0;
  }

  /** The namespace, the scratch tmpfs and the shared layer directories; pins this thread's CPUs. */
  private Layout setUp(StressParams params) throws IOException {
    if (params.namespace() == Namespace.PRIVATE) {
      setupSyscalls[SyscallKind.MOUNT.ordinal()]++; // make-rprivate
      PrivateMountNamespace.enterOnThisThread();
    }
    Path root = Path.of(request.root());
    Files.createDirectories(root);
    setupSyscalls[SyscallKind.MOUNT.ordinal()]++;
    Syscalls.mount("mountscope-stress", root.toString(), "tmpfs", Syscalls.MS_NOSUID | Syscalls.MS_NODEV, "mode=0755");
    rootMounted = true;
    if (params.namespace() == Namespace.HOST) {
      // The storm's mounts stay in the host namespace, but do not propagate into other namespaces.
      setupSyscalls[SyscallKind.MOUNT.ordinal()]++;
      Syscalls.mount("none", root.toString(), null, Syscalls.MS_PRIVATE, null);
    }
    Layout layout = new Layout(root.toString());
    for (int i = 0; i < params.layers(); i++) {
      Files.createDirectories(Path.of(layout.layer(i)));
    }
    if (!params.cpus().isEmpty()) {
      CpuSets.pinCurrentThread(params.cpus()); // inherited by the storm threads started from here
    }
    return layout;
  }

  /** Detaches the scratch tmpfs (and every storm mount under it), removes its directory, settles the journal. */
  private synchronized void cleanUp() {
    if (cleaned || request == null) {
      return;
    }
    cleaned = true;
    String root = request.root();
    if (rootMounted) {
      setupSyscalls[SyscallKind.UMOUNT.ordinal()]++;
      if (LibC.umount2(root, Syscalls.MNT_DETACH) < 0) {
        LOG.info("umount2({}) from {}: {}", root, Thread.currentThread().getName(), Errno.name(Native.getLastError()));
      }
    }
    try {
      // From another mount namespace this also detaches the private mounts on it (Linux 3.18+).
      Files.deleteIfExists(Path.of(root));
    } catch (IOException e) {
      LOG.warn("cannot remove {}", root, e);
    }
    if (request.journalRun() != null) {
      ChangeJournal journal = ChangeJournal.open(Path.of(request.journalFile()));
      journal.rollBack(journal.pending(request.journalRun()), UndoRegistry.standard());
    }
  }

  /** SIGTERM (the parent stopping us, or PR_SET_PDEATHSIG): stop the threads, clean up. */
  private void onTermination() {
    LOG.info("stress worker shutting down (signal or exit); stopping the storm");
    Storm s = storm;
    if (s != null) {
      s.requestStop();
      s.awaitThreads(3000);
    }
    cleanUp();
  }

  /** A "stop" line, or the end of stdin (the parent is gone), stops the storm. */
  private void watchParent(BufferedReader in) {
    try {
      String line;
      while ((line = in.readLine()) != null && !line.trim().equals("stop")) {
        LOG.debug("ignored worker input: {}", line);
      }
    } catch (IOException e) {
      LOG.debug("stdin closed", e);
    }
    LOG.info("stress worker: stop asked by the parent, or its end of the pipe closed");
    stopEarly = true;
    Storm s = storm;
    if (s != null) {
      s.requestStop();
    }
  }

  private void send(WorkerMessage m) {
    protocol.println(Json.line(m));
  }

  private int fail(Throwable e) {
    int code;
    String message;
    if (e instanceof InputException) {
      code = 2;
      message = e.getMessage();
    } else if (e instanceof UnavailableException u) {
      code = 3;
      message = u.oneLine();
    } else if (e instanceof StartFailure f) {
      code = f.custom && f.errno != Errno.EPERM && f.errno != Errno.EACCES ? 2 : 3;
      message = "the first start failed: " + f.getMessage() + (code == 3 ? hint(f.errno) : "");
    } else if (e instanceof SyscallException se && se.isPermission()) {
      code = 3;
      message = se.getMessage() + ": run as root, or with CAP_SYS_ADMIN";
    } else {
      code = 4;
      message = String.valueOf(e.getMessage());
      LOG.error("stress worker failed", e);
    }
    LOG.info("stress worker: {}", message);
    try {
      cleanUp();
    } catch (RuntimeException c) {
      LOG.warn("clean-up after failure", c);
    }
    send(new WorkerMessage.Failure(code, message));
    return code;
  }

  private static String hint(int errno) {
    return errno == Errno.EPERM || errno == Errno.EACCES ? "; run as root, or with CAP_SYS_ADMIN"
        : "; 'mountscope doctor' checks the kernel features each pattern needs";
  }
}
