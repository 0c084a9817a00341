package io.mountscope.plugins.kubelet;

import io.mountscope.plugin.api.Command;
import io.mountscope.plugin.api.PluginContext;
import io.mountscope.plugin.api.Unavailable;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code mountscope kubelet-starts}: the kubelet's pod start latency, read once from its metrics page or its log. */
public final class KubeletStartsCommand implements Command {
  private PluginContext context;

  @Override
  public String name() {
    return "kubelet-starts";
  }

  @Override
  public String description() {
    return "Pod start latency from the kubelet's metrics page or its log, read once (settings: docs/plugins.md).";
  }

  @Override
  public void init(PluginContext context) {
    this.context = context;
  }

  @Override
  public int run(List<String> args, PrintWriter out, PrintWriter err) throws Exception {
    if (args.equals(List.of("--help")) || args.equals(List.of("-h"))) {
      out.println("Usage: mountscope kubelet-starts");
      out.println(description());
      out.println("Settings: MOUNTSCOPE_PLUGIN_KUBELET_SOURCE (auto, metrics or log; default auto),");
      out.println("MOUNTSCOPE_PLUGIN_KUBELET_URL (default " + MetricsPage.DEFAULT_URL + "),");
      out.println("MOUNTSCOPE_PLUGIN_KUBELET_TOKEN_FILE, MOUNTSCOPE_PLUGIN_KUBELET_INSECURE=true,");
      out.println("MOUNTSCOPE_PLUGIN_KUBELET_LOG (a file, or journal; default " + KubeletProbe.DEFAULT_LOG + "),");
      out.println("MOUNTSCOPE_PLUGIN_KUBELET_JOURNAL_UNIT (default kubelet), MOUNTSCOPE_PLUGIN_KUBELET_WINDOW (default "
          + KubeletProbe.DEFAULT_WINDOW + ").");
      return 0;
    }
    if (!args.isEmpty()) {
      err.println("kubelet-starts: takes no arguments (got " + args.get(0) + ")");
      return 2;
    }
    Map<String, Object> d;
    try (KubeletProbe probe = new KubeletProbe()) {
      probe.init(context);
      d = probe.derive(probe.read(), null, 0);
    } catch (Unavailable u) {
      err.println("kubelet-starts: " + u.getMessage());
      return 3;
    }
    if ("log".equals(d.get("source"))) {
      out.printf(Locale.ROOT, "%s: %s starts in the last %s read (%s)%n", d.get("log"), d.get("starts"), d.get("window"),
          d.get("metric"));
    } else {
      out.printf(Locale.ROOT, "%s: %s starts since the kubelet started (%s)%n", d.get("url"), d.get("starts"), d.get("metric"));
    }
    for (String q : List.of("p50", "p90", "p99")) {
      out.printf(Locale.ROOT, "  %s %s%n", q, secs(d.get(q + "Seconds")));
    }
    if (d.get("slowest") instanceof List<?> slowest && !slowest.isEmpty()) {
      out.println("slowest:");
      for (Object o : slowest) {
        Map<?, ?> s = (Map<?, ?>) o;
        out.printf(Locale.ROOT, "  %s  %s (e2e %s)%n", secs(s.get("sloSeconds")), s.get("pod"), secs(s.get("e2eSeconds")));
      }
    }
    if (d.get("malformedLines") instanceof Number bad && bad.longValue() > 0) {
      out.printf(Locale.ROOT, "%d malformed start lines skipped; the last: %s%n", bad.longValue(), d.get("lastMalformed"));
    }
    out.println("source: " + d.get("source") + " (" + d.get("sourceReason") + ")");
    return 0;
  }

  private static String secs(Object v) {
    return v instanceof Number n ? String.format(Locale.ROOT, "%.3f s", n.doubleValue()) : "-";
  }
}
