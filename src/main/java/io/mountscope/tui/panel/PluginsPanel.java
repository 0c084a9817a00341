package io.mountscope.tui.panel;

import com.fasterxml.jackson.databind.JsonNode;
import io.mountscope.model.Model;
import io.mountscope.model.ProbeStatus;
import io.mountscope.plugin.Budgeted;
import io.mountscope.plugin.PluginHost;
import io.mountscope.plugin.api.PanelInput;
import io.mountscope.plugin.api.PanelLine;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The plugins' panels, one section each under its title. A section that throws shows the error
 * in its place (the log has the trace), one that overruns or hangs says so (plugin.Budgeted); the
 * others and the dashboard carry on.
 */
public final class PluginsPanel implements Panel {
  private final List<PluginHost.PanelSource> sources;
  private final Budgeted calls = new Budgeted("plugin-panel", 200);

  public PluginsPanel(List<PluginHost.PanelSource> sources) {
    this.sources = List.copyOf(sources);
  }

  @Override
  public PanelId id() {
    return PanelId.PLUGINS;
  }

  @Override
  public List<String> sortColumns() {
    return List.of();
  }

  @Override
  public List<Line> render(PanelView view, int width, int height) {
    if (view.model() == null) {
      return List.of(Line.of("waiting for the first sample", Style.DIM));
    }
    List<Line> out = new ArrayList<>();
    int each = Math.max(2, height / Math.max(1, sources.size()));
    for (int i = 0; i < sources.size(); i++) {
      PluginHost.PanelSource s = sources.get(i);
      out.add(Line.of(title(s), Style.BOLD));
      PanelInput in = input(view, s.plugin(), width, view.detailed() ? height : each - 1);
      try {
        List<PanelLine> lines = calls.call(Integer.toString(i), () -> s.panel().render(in));
        for (PanelLine l : lines == null ? List.<PanelLine>of() : lines) {
          String text = l == null || l.text() == null ? "" : l.text();
          if (text.length() <= width) {
            out.add(Line.of(text, style(l)));
          } else {
            out.addAll(Wrap.lines("", text, width, style(l)));
          }
        }
      } catch (Budgeted.Overran e) {
        out.addAll(Wrap.lines("", e.busySeconds() < 0 ? "panel overran its " + calls.budgetMillis() + " ms budget"
            : "panel busy: no answer for " + e.busySeconds() + " s (it may be hung; the dashboard goes on without it)",
            width, Style.WARN));
      } catch (Throwable e) { // plugin code: its error is drawn, the dashboard goes on
        PluginHost.get().logOnce(s.plugin(), "panel", e);
        out.addAll(Wrap.lines("", "panel failed: " + e.getClass().getSimpleName()
            + (e.getMessage() == null ? "" : ": " + e.getMessage()) + " (stack trace in the log)", width, Style.CRIT));
      }
    }
    return out;
  }

  private static String title(PluginHost.PanelSource s) {
    try {
      return s.plugin() + ": " + s.panel().title();
    } catch (Throwable e) { // plugin code
      return s.plugin();
    }
  }

  private static PanelInput input(PanelView view, String plugin, int width, int height) {
    Model m = view.model();
    JsonNode part = m.plugins() == null ? null : m.plugins().get(plugin);
    ProbeStatus st = m.probes() == null ? null : m.probes().get(plugin);
    List<Map<String, Object>> history = new ArrayList<>();
    if (view.history() != null) {
      for (History.Entry e : view.history().entries()) {
        JsonNode n = e.model().plugins() == null ? null : e.model().plugins().get(plugin);
        Map<String, Object> t = PluginHost.tree(n);
        if (t != null) {
          history.add(t);
        }
      }
    }
    if (st == null) {
      // The live dashboard adds plugin probes after its first frame: a probe not yet in the Sample is starting.
      st = PluginHost.get().hasProbe(plugin) ? new ProbeStatus(ProbeStatus.STARTING, "not read yet", 0, 0)
          : new ProbeStatus(ProbeStatus.OFF, "no probe", 0, 0);
    }
    return new PanelInput(PluginHost.tree(part), st.state(), st.reason(), List.copyOf(history), width,
        Math.max(1, height));
  }

  private static Style style(PanelLine l) {
    if (l == null || l.tone() == null) {
      return Style.NORMAL;
    }
    return switch (l.tone()) {
      case NORMAL -> Style.NORMAL;
      case DIM -> Style.DIM;
      case GOOD -> Style.OK;
      case WARN -> Style.WARN;
      case CRIT -> Style.CRIT;
    };
  }
}
