package io.mountscope.cli;

import io.mountscope.diagnose.Diagnosis;
import io.mountscope.export.MetricsServer;
import io.mountscope.model.Model;
import io.mountscope.model.Sample;
import io.mountscope.probe.Sampler;
import io.mountscope.probe.Ticker;
import io.mountscope.util.InputException;
import io.mountscope.util.UnavailableException;
import java.io.PrintWriter;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mountscope serve}: the node's Models as OpenMetrics, for Prometheus. */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Serve the node's metrics for Prometheus: one sample every --interval, at",
        "http://ADDR/metrics as OpenMetrics (or the Prometheus text format when the",
        "scraper does not ask for OpenMetrics), the same Model as JSON at /snapshot.",
        "Runs until Ctrl-C or SIGTERM. Metric names: docs/metrics.md; a DaemonSet",
        "for a fleet: docs/fleet.md."})
public final class ServeCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--listen", paramLabel = "ADDR", defaultValue = "127.0.0.1:9464",
      description = "HOST:PORT to listen on; :PORT for every interface (default: ${DEFAULT-VALUE}).")
  String listen;

  @Option(names = "--interval", paramLabel = "S", defaultValue = "5",
      description = "Seconds between samples (default: ${DEFAULT-VALUE}); a scrape shows the newest.")
  double interval;

  @Override
  public Integer call() throws Exception {
    if (!(interval >= 0.5 && interval <= 3600)) {
      throw new InputException("--interval " + interval + ": between 0.5 and 3600 seconds");
    }
    InetSocketAddress address = parseListen(listen);
    PrintWriter err = spec.commandLine().getErr();
    Ticker ticker = new Ticker(Duration.ofMillis(Math.round(interval * 1000)));
    AtomicReference<Model> latest = new AtomicReference<>();
    try (GracefulStop stop = new GracefulStop("serve-stop", ticker::stop); Sampler sampler = new Sampler()) {
      Sample[] previous = {sampler.sample()};
      latest.set(Diagnosis.derive(previous[0], null));
      try (MetricsServer server = bind(address, latest)) {
        InetSocketAddress bound = server.address();
        err.println("serving http://" + hostText(bound) + ":" + bound.getPort() + "/metrics (a sample every "
            + io.mountscope.util.Fmt.number(interval) + "s; Ctrl-C stops)");
        err.flush();
        ticker.run(0, n -> {
          if (n == 0) {
            return; // the first sample was taken before listening
          }
          try {
            Sample s = sampler.sample();
            latest.set(Diagnosis.derive(s, previous[0]));
            previous[0] = s;
          } catch (RuntimeException e) {
            // An exporter must outlive one bad tick: scrapes keep the last Model, whose timestamp ages.
            org.slf4j.LoggerFactory.getLogger(ServeCommand.class).warn("sampling failed; serving the last sample", e);
          }
        });
      }
      return 0;
    }
  }

  private static MetricsServer bind(InetSocketAddress address, AtomicReference<Model> latest) throws Exception {
    try {
      return MetricsServer.start(address, latest::get, VersionProvider.version());
    } catch (BindException e) {
      String m = String.valueOf(e.getMessage());
      if (m.toLowerCase(java.util.Locale.ROOT).contains("permission")) {
        throw new UnavailableException("--listen " + hostText(address) + ":" + address.getPort()
            + ": permission denied", "ports below 1024 need root or CAP_NET_BIND_SERVICE; pick a port above 1023");
      }
      throw new InputException("--listen " + hostText(address) + ":" + address.getPort() + ": " + m
          + " (another serve, or another exporter, on that port? pick another)");
    } catch (SocketException e) {
      throw new InputException("--listen " + hostText(address) + ":" + address.getPort() + ": " + e.getMessage());
    }
  }

  /** "127.0.0.1:9464", "[::1]:9464", ":9464" (every interface), "localhost:9464". */
  static InetSocketAddress parseListen(String s) {
    String text = s.trim();
    int colon = text.lastIndexOf(':');
    if (colon < 0) {
      throw new InputException("--listen " + s + ": expected HOST:PORT, e.g. 127.0.0.1:9464 or :9464");
    }
    String host = text.substring(0, colon);
    int port;
    try {
      port = Integer.parseInt(text.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new InputException("--listen " + s + ": the port is not a number");
    }
    if (port < 0 || port > 65535) {
      throw new InputException("--listen " + s + ": the port must be 0 to 65535");
    }
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    } else if (host.contains(":")) {
      throw new InputException("--listen " + s + ": write an IPv6 address in brackets, e.g. [::1]:9464");
    }
    if (host.isEmpty()) {
      return new InetSocketAddress(port);
    }
    try {
      return new InetSocketAddress(InetAddress.getByName(host), port);
    } catch (UnknownHostException e) {
      throw new InputException("--listen " + s + ": unknown host " + host);
    }
  }

  private static String hostText(InetSocketAddress a) {
    String h = a.getAddress() == null ? a.getHostString() : a.getAddress().getHostAddress();
    return h.contains(":") ? "[" + h + "]" : h;
  }
}
