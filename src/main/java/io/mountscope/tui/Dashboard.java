package io.mountscope.tui;

import io.mountscope.probe.Sampler;
import io.mountscope.tui.panel.Glyphs;
import io.mountscope.tui.panel.History;
import io.mountscope.tui.panel.Panel;
import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * The full-screen dashboard. It renders the Models a {@link ModelSource} hands it (the live node
 * or a recording) and never reads the kernel itself. {@link #run()} takes the terminal until a key
 * ends it and returns why ({@link ExitReason}); it can be run again (the console switches back
 * and forth) and keeps its history, focus and filters in between. {@link #close()} stops the source.
 */
public final class Dashboard implements AutoCloseable {
  /** The default refresh: one Sample per second. */
  public static final Duration REFRESH = Duration.ofSeconds(1);

  private final ModelSource source;
  private final DashboardOptions options;
  private final History history = new History();
  private final ViewState state = new ViewState();
  private final List<Panel> panels = Panel.all();

  public Dashboard(ModelSource source, DashboardOptions options) {
    this.source = source;
    this.options = options;
  }

  /** A dashboard of the live node, sampling every second. */
  public static Dashboard live(DashboardOptions options) {
    Sampler sampler = new Sampler();
    return new Dashboard(new LiveSource(sampler::sample, REFRESH), options);
  }

  public ModelSource source() {
    return source;
  }

  /**
   * Opens the dashboard on this process's terminal and returns when a key ends it. The terminal
   * is given back as it was on every way out, including exceptions (rethrown after restoring).
   */
  public ExitReason run() throws IOException {
    TerminalCaps caps = TerminalCaps.detect();
    // Sampling starts before the terminal is set up: the first frame waits only for what is left of it.
    source.start(() -> {});
    try (TerminalSession session = TerminalSession.open(caps)) {
      DashboardLoop loop = new DashboardLoop(source, options, history, state, panels, Glyphs.of(caps.utf8()),
          new Theme(Theme.depthOf(caps)));
      return loop.run(session.screen(), session.terminal());
    }
  }

  /** The exit code of the standalone command for a reason: 130 for Ctrl-C, as a shell would. */
  public static int exitCode(ExitReason r) {
    return r == ExitReason.INTERRUPTED ? 130 : 0;
  }

  @Override
  public void close() {
    source.close();
  }
}
