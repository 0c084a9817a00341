package io.mountscope.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.mountscope.util.Json;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real Prometheus (Debian package prometheus) of the test's own: config and data under a
 * temporary directory, its own port on loopback, stopped by its PID. Nothing else is touched.
 */
public final class Prometheus implements AutoCloseable {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final Background process;
  private final int port;

  private Prometheus(Background process, int port) {
    this.process = process;
    this.port = port;
  }

  /** Starts Prometheus with {@code config} (prometheus.yml text) and waits until it is ready. */
  public static Prometheus start(Path dir, String config) throws IOException, InterruptedException {
    Path binary = Prerequisites.command("prometheus", "prometheus");
    Files.createDirectories(dir.resolve("data"));
    Path yml = Files.writeString(dir.resolve("prometheus.yml"), config);
    int port = freePort();
    Background p = Background.start(List.of(binary.toString(), "--config.file=" + yml,
        "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port, "--log.level=warn"),
        Map.of());
    Prometheus prom = new Prometheus(p, port);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      if (!p.isAlive()) {
        throw new AssertionError("prometheus exited: " + p.err());
      }
      try {
        if (get(prom.url("/-/ready")).statusCode() == 200) {
          return prom;
        }
      } catch (IOException notYet) {
        // starting
      }
      Thread.sleep(100);
    }
    throw new AssertionError("prometheus not ready after 30 s: " + p.err());
  }

  /** A free TCP port on loopback (closed again at once: the caller binds it). */
  public static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  public String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }

  /** The result of an instant query (the "result" array of the API's answer). */
  public JsonNode query(String promql) throws IOException, InterruptedException {
    HttpResponse<String> r = get(url("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8)));
    JsonNode body = Json.mapper().readTree(r.body());
    if (r.statusCode() != 200 || !"success".equals(body.path("status").asText())) {
      throw new AssertionError("query " + promql + " failed: " + r.body());
    }
    return body.path("data").path("result");
  }

  /** The state of the scrape targets ("activeTargets"). */
  public JsonNode targets() throws IOException, InterruptedException {
    return Json.mapper().readTree(get(url("/api/v1/targets")).body()).path("data").path("activeTargets");
  }

  public String log() throws IOException {
    return process.err();
  }

  static HttpResponse<String> get(String url) throws IOException, InterruptedException {
    return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Override
  public void close() throws IOException, InterruptedException {
    process.close();
  }
}
