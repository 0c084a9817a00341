package io.mountscope.stress;

/** The worker process ended without reporting a result or a failure (killed, or crashed). */
public final class WorkerDiedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  WorkerDiedException(long pid, int exit) {
    super("the stress worker (pid " + pid + ") " + how(exit) + " before it reported a result; no mount was left behind");
  }

  private static String how(int exit) {
    if (exit > 128) {
      int sig = exit - 128;
      String name = switch (sig) {
        case 9 -> "SIGKILL";
        case 15 -> "SIGTERM";
        case 6 -> "SIGABRT";
        case 11 -> "SIGSEGV";
        default -> "signal " + sig;
      };
      return "was killed by " + name;
    }
    return "exited with code " + exit;
  }
}
