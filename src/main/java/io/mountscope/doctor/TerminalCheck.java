package io.mountscope.doctor;

import io.mountscope.tui.TerminalCaps;

/** Whether the dashboard will look right on this terminal. */
final class TerminalCheck {
  CheckResult check() {
    TerminalCaps t = TerminalCaps.detect();
    String detail = "TERM=" + (t.term().isEmpty() ? "(unset)" : t.term())
        + (t.tty() ? ", " + t.columns() + "x" + t.rows() : ", stdout is not a terminal")
        + ", " + (t.utf8() ? "UTF-8" : "not UTF-8 (ASCII drawing)")
        + ", " + (t.noColor() ? "NO_COLOR" : t.colors() + " colours");
    if (!t.tty()) {
      return CheckResult.warn("terminal", detail, "the dashboard and console need a terminal; --json commands work",
          "run mountscope from an interactive SSH session or tmux");
    }
    if (t.columns() < 80 || t.rows() < 24) {
      return CheckResult.warn("terminal", detail, "the dashboard needs at least 80x24", "enlarge the window");
    }
    return CheckResult.ok("terminal", detail);
  }
}
