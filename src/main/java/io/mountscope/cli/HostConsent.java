package io.mountscope.cli;

import io.mountscope.journal.ChangeJournal;
import io.mountscope.kernel.LibC;
import io.mountscope.stress.StressEngine;
import io.mountscope.util.InputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** The operator's consent to a storm in the host's mount namespace: asked on a terminal, or --yes. */
final class HostConsent {
  private HostConsent() {}

  static boolean ask(StressEngine.Prepared p, boolean yes, PrintWriter err) throws IOException {
    if (yes) {
      return true;
    }
    if (LibC.isatty(0) != 1) {
      throw new InputException("--namespace host mounts in the host's mount namespace: confirm on a terminal, or pass --yes");
    }
    err.printf(Locale.US, "This storm mounts in the HOST mount namespace: systemd and every reader of /proc/self/mountinfo%n"
        + "will see up to %d storm mounts at a time under %s.%n"
        + "Each mount point is journaled in %s first and removed at the end, on Ctrl-C%n"
        + "and SIGTERM; after a crash, 'mountscope recover' removes them.%n"
        + "Start the storm? [y/N] ", p.estimate().stormPeak(), p.layout().root(), ChangeJournal.open().file());
    err.flush();
    String answer = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
    return answer != null && (answer.trim().equalsIgnoreCase("y") || answer.trim().equalsIgnoreCase("yes"));
  }
}
