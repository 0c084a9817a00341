package io.mountscope.plugin;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;

/** A kubelet's /metrics on a local port, serving the page captured from a real kubelet (kubelet-metrics-1.21.txt). */
final class KubeletPage implements AutoCloseable {
  private final HttpServer server;

  KubeletPage() throws IOException {
    byte[] page;
    try (InputStream in = KubeletPage.class.getResourceAsStream("kubelet-metrics-1.21.txt")) {
      page = in.readAllBytes();
    }
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/metrics", x -> {
      x.getResponseHeaders().add("Content-Type", "text/plain; version=0.0.4");
      x.sendResponseHeaders(200, page.length);
      try (OutputStream out = x.getResponseBody()) {
        out.write(page);
      }
    });
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/metrics";
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
