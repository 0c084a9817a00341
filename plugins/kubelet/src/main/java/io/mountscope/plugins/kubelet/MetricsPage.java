package io.mountscope.plugins.kubelet;

import io.mountscope.plugin.api.PluginContext;
import io.mountscope.plugin.api.Unavailable;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * The kubelet's /metrics page: the raw part is the cumulative pod start histogram (and running
 * pods, kubelet version) as read; derive gives quantiles since the kubelet started and over the
 * last interval. Settings: url, token-file, insecure (docs/plugins.md).
 */
final class MetricsPage {
  static final String DEFAULT_URL = "https://127.0.0.1:10250/metrics";
  static final Path SERVICE_ACCOUNT_TOKEN = Path.of("/var/run/secrets/kubernetes.io/serviceaccount/token");

  private final URI url;
  private final Path tokenFile;
  private final HttpClient http;

  MetricsPage(PluginContext context) throws Exception {
    url = URI.create(context.setting("url").orElse(DEFAULT_URL));
    tokenFile = context.setting("token-file").map(Path::of)
        .orElse(Files.isReadable(SERVICE_ACCOUNT_TOKEN) ? SERVICE_ACCOUNT_TOKEN : null);
    HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2));
    if (Boolean.parseBoolean(context.setting("insecure").orElse("false"))) {
      b.sslContext(trustingEveryone()); // the kubelet's self-signed serving certificate, as curl -k
    }
    http = b.build();
  }

  URI url() {
    return url;
  }

  /** One reading of the page; Unavailable with the reason when there is no kubelet page to read. */
  Map<String, Object> read() throws Unavailable, IOException, InterruptedException {
    HttpRequest.Builder req = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(2)).GET();
    if (tokenFile != null) {
      req.header("Authorization", "Bearer " + Files.readString(tokenFile).strip());
    }
    HttpResponse<String> resp;
    try {
      resp = http.send(req.build(), HttpResponse.BodyHandlers.ofString());
    } catch (ConnectException e) {
      throw new Unavailable("no kubelet metrics at " + url + " (connection refused); set the url setting");
    } catch (IOException e) {
      throw new Unavailable("cannot read " + url + ": " + e);
    }
    if (resp.statusCode() == 401 || resp.statusCode() == 403) {
      throw new Unavailable(url + " answered HTTP " + resp.statusCode() + ": set token-file to a token allowed to get nodes/metrics");
    }
    if (resp.statusCode() != 200) {
      throw new Unavailable(url + " answered HTTP " + resp.statusCode());
    }
    List<PromText.Sample> samples;
    try {
      samples = PromText.parse(resp.body());
    } catch (IllegalArgumentException e) {
      throw new Unavailable(url + " is not a Prometheus page: " + e.getMessage());
    }
    PodStarts starts = PodStarts.from(samples);
    if (starts == null) {
      throw new Unavailable(url + " has no " + PodStarts.SLI + " or " + PodStarts.TOTAL + " (is it a kubelet?)");
    }
    Map<String, Object> part = new LinkedHashMap<>();
    part.put("url", url.toString());
    part.put("podStarts", starts.toTree());
    samples.stream().filter(s -> s.name().equals("kubelet_running_pods")).findFirst()
        .ifPresent(s -> part.put("runningPods", (long) s.value()));
    samples.stream().filter(s -> s.name().equals("kubernetes_build_info")).findFirst()
        .ifPresent(s -> part.put("kubeletVersion", s.labels().get("git_version")));
    return part;
  }

  /** The derived part of a metrics reading; {@code previous} null (or another source's) on the first. */
  static Map<String, Object> derive(Map<String, Object> now, Map<String, Object> previous, double seconds) {
    PodStarts all = PodStarts.fromTree(now.get("podStarts"));
    PodStarts before = previous == null ? null : PodStarts.fromTree(previous.get("podStarts"));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("source", "metrics");
    out.put("sourceReason", now.get("sourceReason"));
    out.put("url", now.get("url"));
    out.put("metric", all.metric());
    out.put("starts", (long) all.count());
    out.put("p50Seconds", all.quantile(0.5));
    out.put("p90Seconds", all.quantile(0.9));
    out.put("p99Seconds", all.quantile(0.99));
    out.put("meanSeconds", all.count() > 0 ? all.sum() / all.count() : null);
    if (before != null && seconds > 0) {
      PodStarts recent = all.since(before);
      Map<String, Object> w = new LinkedHashMap<>();
      w.put("seconds", seconds);
      w.put("starts", (long) recent.count());
      w.put("startsPerSecond", recent.count() / seconds);
      w.put("p50Seconds", recent.quantile(0.5));
      w.put("p99Seconds", recent.quantile(0.99));
      out.put("recent", w);
    }
    out.put("runningPods", now.get("runningPods"));
    out.put("kubeletVersion", now.get("kubeletVersion"));
    return out;
  }

  private static SSLContext trustingEveryone() throws Exception {
    TrustManager all = new X509TrustManager() {
      @Override
      public void checkClientTrusted(X509Certificate[] chain, String authType) {}

      @Override
      public void checkServerTrusted(X509Certificate[] chain, String authType) {}

      @Override
      public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
      }
    };
    SSLContext c = SSLContext.getInstance("TLS");
    c.init(null, new TrustManager[] {all}, new SecureRandom());
    return c;
  }
}
