package io.mountscope.plugins.kubelet;

import io.mountscope.plugin.api.PluginContext;
import io.mountscope.plugin.api.Probe;
import io.mountscope.plugin.api.Unavailable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * Pod start latency from the kubelet's metrics page or its log, as the {@code source} setting
 * says: "metrics", "log", or "auto" (the default: the page when it answers, else the log; the
 * page is tried again every {@link #RETRY_METRICS}). The part says which source was read and why
 * not the other. Settings: source, url, token-file, insecure, log, journal-unit, window
 * (docs/plugins.md).
 */
public final class KubeletProbe implements Probe {
  static final Path DEFAULT_LOG = Path.of("/var/log/kubelet.log");
  static final int DEFAULT_WINDOW = 200;
  static final Duration RETRY_METRICS = Duration.ofSeconds(60);

  private String source;
  private MetricsPage metrics;
  private KubeletLog log;
  private StartWindow window;
  /** System.nanoTime() from which auto tries the page again; null: try it now. */
  private Long metricsRetryNanos;
  private String metricsWhy;

  @Override
  public void init(PluginContext context) throws Exception {
    source = context.setting("source").orElse("auto").toLowerCase(Locale.ROOT);
    if (!source.equals("auto") && !source.equals("metrics") && !source.equals("log")) {
      throw new Unavailable("source is '" + source + "' (expected auto, metrics or log)");
    }
    metrics = new MetricsPage(context);
    log = openLog(context);
    String w = context.setting("window").orElse(String.valueOf(DEFAULT_WINDOW));
    try {
      window = new StartWindow(Integer.parseInt(w));
    } catch (NumberFormatException e) {
      throw new Unavailable("window is '" + w + "' (expected a number of starts)");
    }
  }

  /** The log setting: a file, "journal", or by default /var/log/kubelet.log where it exists, else the journal under systemd. */
  static KubeletLog openLog(PluginContext context) {
    String unit = context.setting("journal-unit").orElse("kubelet");
    String where = context.setting("log").orElse(
        Files.exists(DEFAULT_LOG) || !Files.isDirectory(Path.of("/run/systemd/system")) ? DEFAULT_LOG.toString() : "journal");
    return where.equals("journal") ? new JournalLog(unit) : new LogFile(Path.of(where));
  }

  @Override
  public Duration interval() {
    return Duration.ofSeconds(5);
  }

  @Override
  public Duration budget() {
    return Duration.ofSeconds(2);
  }

  @Override
  public Map<String, Object> read() throws Exception {
    switch (source) {
      case "metrics" -> {
        return fromMetrics("source is metrics: the log is not read");
      }
      case "log" -> {
        return fromLog("source is log: the metrics page is not read");
      }
      default -> {
        if (metricsRetryNanos == null || System.nanoTime() - metricsRetryNanos >= 0) {
          try {
            return fromMetrics("auto: the metrics page answered, so the log is not read");
          } catch (Unavailable u) {
            metricsWhy = u.getMessage();
            metricsRetryNanos = System.nanoTime() + RETRY_METRICS.toNanos();
          }
        }
        try {
          return fromLog("auto: metrics unavailable (" + metricsWhy + ")");
        } catch (Unavailable u) {
          throw new Unavailable("metrics: " + metricsWhy + "; log: " + u.getMessage());
        }
      }
    }
  }

  private Map<String, Object> fromMetrics(String why) throws Exception {
    Map<String, Object> part = metrics.read();
    part.put("source", "metrics");
    part.put("sourceReason", why);
    return part;
  }

  /** Reads the lines new since the last read into the window; the part is the window. */
  private Map<String, Object> fromLog(String why) throws Exception {
    for (String line : log.readNew()) {
      window.accept(line);
    }
    Map<String, Object> part = new java.util.LinkedHashMap<>();
    part.put("source", "log");
    part.put("sourceReason", why);
    part.put("log", log.describe());
    part.putAll(window.toTree());
    part.put("rotations", log.rotations());
    return part;
  }

  @Override
  public Map<String, Object> derive(Map<String, Object> now, Map<String, Object> previous, double seconds) {
    if ("log".equals(now.get("source"))) {
      return StartWindow.derive(now, previous, seconds);
    }
    boolean sameSource = previous != null && !"log".equals(previous.get("source"));
    return MetricsPage.derive(now, sameSource ? previous : null, seconds);
  }

  @Override
  public void close() {
    if (log != null) {
      log.close();
    }
  }
}
