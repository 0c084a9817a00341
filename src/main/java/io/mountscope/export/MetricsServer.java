package io.mountscope.export;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.mountscope.model.Model;
import io.mountscope.util.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The HTTP face of {@code mountscope serve}, on the JDK's own server: {@code /metrics} (OpenMetrics
 * or the Prometheus text format, as the scraper asks), {@code /snapshot} (the same Model as JSON,
 * the fields of docs/json.md), {@code /healthz}. Every response renders the newest Model the
 * sampler published; a scrape never samples, so scrapes cost the node nothing extra.
 */
public final class MetricsServer implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService executor;

  private MetricsServer(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /** Listens on {@code address}; {@code model} gives the newest Model (never null once started). */
  public static MetricsServer start(InetSocketAddress address, Supplier<Model> model, String version) throws IOException {
    HttpServer server = HttpServer.create(address, 16);
    server.createContext("/metrics", x -> respond(x, () -> {
      boolean om = Exposition.wantsOpenMetrics(x.getRequestHeaders().getFirst("Accept"));
      var families = ModelMetrics.of(model.get(), version);
      return new Body(om ? Exposition.OPENMETRICS : Exposition.TEXT,
          om ? Exposition.openMetrics(families) : Exposition.text(families));
    }));
    server.createContext("/snapshot", x -> respond(x, () -> new Body("application/json", Json.line(model.get()) + "\n")));
    server.createContext("/healthz", x -> respond(x, () -> new Body("text/plain; charset=utf-8", "ok\n")));
    server.createContext("/", x -> respond(x, () -> x.getRequestURI().getPath().equals("/")
        ? new Body("text/plain; charset=utf-8", "mountscope " + version + "\n/metrics   OpenMetrics (docs/metrics.md)\n"
            + "/snapshot  the newest Model as JSON (docs/json.md)\n/healthz   ok\n")
        : null));
    // One thread: rendering a Model takes well under a millisecond, and scrapes come seconds apart.
    ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "metrics-http");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(executor);
    server.start();
    return new MetricsServer(server, executor);
  }

  /** The address it listens on (the real port when asked for port 0). */
  public InetSocketAddress address() {
    return server.getAddress();
  }

  private record Body(String type, String text) {}

  private interface Render {
    Body render() throws IOException;
  }

  private static void respond(HttpExchange x, Render render) throws IOException {
    try (x) {
      String method = x.getRequestMethod();
      if (!method.equals("GET") && !method.equals("HEAD")) {
        x.getResponseHeaders().set("Allow", "GET, HEAD");
        send(x, 405, new Body("text/plain; charset=utf-8", "method not allowed\n"));
        return;
      }
      Body body;
      try {
        body = render.render();
      } catch (RuntimeException e) {
        org.slf4j.LoggerFactory.getLogger(MetricsServer.class).error("rendering {} failed", x.getRequestURI(), e);
        send(x, 500, new Body("text/plain; charset=utf-8", "internal error (see the log file)\n"));
        return;
      }
      send(x, body == null ? 404 : 200, body == null ? new Body("text/plain; charset=utf-8", "not found\n") : body);
    }
  }

  private static void send(HttpExchange x, int status, Body body) throws IOException {
    byte[] bytes = body.text().getBytes(StandardCharsets.UTF_8);
    x.getResponseHeaders().set("Content-Type", body.type());
    boolean head = x.getRequestMethod().equals("HEAD");
    x.sendResponseHeaders(status, head ? -1 : bytes.length);
    if (!head) {
      try (OutputStream out = x.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
