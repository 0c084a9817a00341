package io.mountscope.plugins.kubelet;

import io.mountscope.plugin.api.Command;
import io.mountscope.plugin.api.PluginContext;
import io.mountscope.plugin.api.Unavailable;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code mountscope kubelet-starts}: the kubelet's pod start latency, read once. */
public final class KubeletStartsCommand implements Command {
  private PluginContext context;

  @Override
  public String name() {
    return "kubelet-starts";
  }

  @Override
  public String description() {
    return "Pod start latency from the kubelet's metrics page, read once (settings: docs/plugins.md).";
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
      out.println("Settings: MOUNTSCOPE_PLUGIN_KUBELET_URL (default " + KubeletProbe.DEFAULT_URL + "),");
      out.println("MOUNTSCOPE_PLUGIN_KUBELET_TOKEN_FILE, MOUNTSCOPE_PLUGIN_KUBELET_INSECURE=true.");
      return 0;
    }
    if (!args.isEmpty()) {
      err.println("kubelet-starts: takes no arguments (got " + args.get(0) + ")");
      return 2;
    }
    KubeletProbe probe = new KubeletProbe();
    probe.init(context);
    Map<String, Object> d;
    try {
      d = probe.derive(probe.read(), null, 0);
    } catch (Unavailable u) {
      err.println("kubelet-starts: " + u.getMessage());
      return 3;
    }
    out.printf(Locale.ROOT, "%s: %s starts since the kubelet started (%s)%n", d.get("url"), d.get("starts"), d.get("metric"));
    for (String q : List.of("p50", "p90", "p99")) {
      Object v = d.get(q + "Seconds");
      out.printf(Locale.ROOT, "  %s %s%n", q, v instanceof Number n ? String.format(Locale.ROOT, "%.3f s", n.doubleValue()) : "-");
    }
    return 0;
  }
}
