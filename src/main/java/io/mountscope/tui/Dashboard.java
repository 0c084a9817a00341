package io.mountscope.tui;

import io.mountscope.plugin.PluginHost;
import io.mountscope.probe.ProbeSet;
import io.mountscope.probe.Sampler;
import io.mountscope.tui.panel.Glyphs;
import io.mountscope.tui.panel.History;
import io.mountscope.tui.panel.Panel;
import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import com.googlecode.lanterna.terminal.virtual.DefaultVirtualTerminal;
import io.mountscope.model.Model;
import io.mountscope.model.Sample;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
  /**
   * How long the first Sample waits for the quick probes' first reads (/proc, sysfs, mountinfo,
   * sysctls, the process table). The slow starters (perf events on every CPU, kallsyms, the
   * plugins' probes) start once the first Sample is out and show as "starting" until a later tick.
   */
  static final Duration FIRST_READS_WAIT = Duration.ofMillis(150);

  private final ModelSource source;
  private final DashboardOptions options;
  private final History history = new History();
  private final ViewState state = new ViewState();
  /** The panels drawn; on the live node the Plugins panel joins once the plugins are loaded. */
  private volatile List<Panel> panels;
  private volatile DashboardLoop running;
  private boolean pluginsRequested;

  /**
   * A dashboard of {@code source}. A recording is shown with its plugins' panels from the start;
   * the live node's plugins load after the first frame (unless something loaded them already).
   */
  public Dashboard(ModelSource source, DashboardOptions options) {
    this.source = source;
    this.options = options;
    this.panels = !source.live() || PluginHost.loaded().isPresent() ? Panel.withPlugins() : Panel.all();
  }

  /**
   * The live node, sampling every second: the quick built-in probes from the first tick, the
   * kernel collectors from right after it, the plugins' from the first tick after they are loaded
   * (the dashboard loads them after its first frame), so neither delays the first frame.
   */
  public static LiveSource liveSource() {
    return new LiveSource(() -> {
      Sampler sampler = new Sampler(ProbeSet.builtIn()).firstReadsWaitAtMost(FIRST_READS_WAIT).deferSlowStarts();
      return new LiveSource.Probes() {
        private boolean plugins;

        @Override
        public void afterFirst() {
          sampler.startDeferred(); // the kernel collectors start while the first frame is drawn
        }

        @Override
        public Sample sample() {
          if (!plugins) {
            PluginHost.loaded().ifPresent(host -> {
              plugins = true;
              ProbeSet set = new ProbeSet();
              host.addProbes(set);
              sampler.addPluginProbes(set);
            });
          }
          return sampler.sample();
        }

        @Override
        public void close() {
          sampler.close();
        }
      };
    }, REFRESH);
  }

  public ModelSource source() {
    return source;
  }

  /**
   * Opens the dashboard on this process's terminal and returns when a key ends it. The terminal
   * is given back as it was on every way out, including exceptions (rethrown after restoring).
   */
  public ExitReason run() throws IOException {
    // Sampling starts first: the terminal is set up while the first Sample is read.
    source.start(() -> {});
    TerminalCaps caps = TerminalCaps.detect();
    try (TerminalSession session = TerminalSession.open(caps, new Theme(Theme.depthOf(caps)))) {
      DashboardLoop loop = new DashboardLoop(source, options, history, state, panels, Glyphs.of(caps.utf8()));
      if (source.live()) {
        loop.afterFirstFrame(this::loadPlugins);
      }
      running = loop;
      try {
        if (loop.panels() != panels) { // the plugins came in while this loop was being made
          loop.replacePanels(panels);
        }
        return loop.run(session.screen(), session.terminal());
      } finally {
        running = null;
      }
    }
  }

  /** Loads the plugins in the background (once); their panel joins the running dashboard when they are in. */
  private synchronized void loadPlugins() {
    if (pluginsRequested) {
      return;
    }
    pluginsRequested = true;
    PluginHost.loadInBackground(host -> {
      List<Panel> withPlugins = Panel.withPlugins(host);
      panels = withPlugins;
      DashboardLoop loop = running;
      if (loop != null) {
        loop.replacePanels(withPlugins);
      }
    });
  }

  /**
   * Runs the dashboard's start-up path without a terminal, for the class-data-sharing archive
   * (cds-training): frames of {@code models} at 80x24 and 200x60 in UTF-8 and ASCII, the keys
   * people press first, and the real terminal's classes (constructed, never put in raw mode).
   */
  public static void train(List<Model> models) throws IOException {
    PosixTerminal.open(StandardCharsets.UTF_8);
    TerminalSession.class.getName();
    for (int[] size : new int[][] {{80, 24}, {200, 60}}) {
      for (boolean utf8 : new boolean[] {true, false}) {
        CellScreen screen = new CellScreen(new DefaultVirtualTerminal(new TerminalSize(size[0], size[1])),
            new Theme(Theme.Depth.INDEXED));
        screen.start();
        DashboardLoop loop = new DashboardLoop(new LiveSource(() -> null, REFRESH), DashboardOptions.standalone(),
            new History(), new ViewState(), Panel.all(), Glyphs.of(utf8));
        long now = System.nanoTime();
        loop.started(now);
        loop.update(new ModelSource.Update(false, models), now);
        loop.paint(screen, now);
        for (KeyStroke k : List.of(new KeyStroke(KeyType.Tab), new KeyStroke(KeyType.Enter), new KeyStroke(KeyType.Escape),
            new KeyStroke('?', false, false), new KeyStroke(KeyType.Escape), new KeyStroke('s', false, false))) {
          loop.key(k, now);
          loop.paint(screen, now);
        }
        screen.stop();
      }
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
