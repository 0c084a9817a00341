package io.mountscope.gate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mountscope.testing.Containerd;
import io.mountscope.testing.KernelExclusive;
import io.mountscope.testing.Launcher;
import io.mountscope.testing.OciImages;
import io.mountscope.testing.Prerequisites;
import io.mountscope.testing.TarLayer;
import io.mountscope.testing.TestImages;
import io.mountscope.util.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The image gate as a pipeline runs it, on OCI archives built by hand and on an image in a real
 * containerd: a 3-layer image passes, a 60-layer one fails on layers, mount syscalls and measured
 * p99 start latency, with reasons, exit code 1 and JUnit XML.
 */
class CheckIT {
  /** Thresholds a pipeline would set: at most 20 layers, 100 mount syscalls, 8 ms p99 at 4 starts at once. */
  static final List<String> GATE = List.of("--max-layers", "20", "--max-mount-syscalls", "100", "--max-p99", "8",
      "--concurrency", "4", "--starts", "200", "--idmap", "per-layer");

  @TempDir
  static Path dir;
  static Path three;
  static Path sixty;

  @BeforeAll
  static void archives() throws Exception {
    three = archive("example.test/app/slim:1", 3);
    sixty = archive("example.test/app/layered:1", 60);
  }

  static Path archive(String name, int layers) throws Exception {
    List<byte[]> tars = new ArrayList<>();
    for (int i = 0; i < layers; i++) {
      tars.add(new TarLayer().dir("opt", 0755).file("opt/layer-" + i, "layer " + i + "\n", 0644).tar());
    }
    Path layout = Files.createDirectories(dir.resolve("layout-" + layers));
    OciImages.writeLayout(layout, name, tars, "application/vnd.oci.image.layer.v1.tar+gzip", "[\"/bin/sh\"]");
    return OciImages.pack(layout, dir.resolve("image-" + layers + ".tar"));
  }

  static Launcher.Result check(Path junit, String image, String... more) throws Exception {
    List<String> args = new ArrayList<>(List.of("check", image, "--junit", junit.toString()));
    args.addAll(GATE);
    args.addAll(List.of(more));
    return Launcher.run(args.toArray(String[]::new));
  }

  static Element suite(Path junit) throws Exception {
    Document d = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(junit.toFile());
    assertThat(d.getDocumentElement().getTagName()).isEqualTo("testsuites");
    return (Element) d.getElementsByTagName("testsuite").item(0);
  }

  @Test
  void the_gate_passes_a_three_layer_image_and_fails_a_sixty_layer_one_with_its_reasons() throws Exception {
    Prerequisites.root();
    Path junitThree = dir.resolve("three.xml");
    Path junitSixty = dir.resolve("sixty.xml");
    Launcher.Result passed;
    Launcher.Result failed;
    try (KernelExclusive quiet = KernelExclusive.acquire()) {
      passed = check(junitThree, three.toString(), "--json");
      failed = check(junitSixty, sixty.toString(), "--rounds", "1");
    }

    assertThat(passed.exitCode()).as(passed.err()).isZero();
    JsonNode report = Json.mapper().readTree(passed.out()).get(0);
    assertThat(report.get("image").asText()).isEqualTo("example.test/app/slim:1");
    assertThat(report.get("layers").asInt()).isEqualTo(3);
    assertThat(report.get("passed").asBoolean()).isTrue();
    assertThat(report.get("checks")).hasSize(3);
    assertThat(report.get("checks").get(1).get("value").asInt()).isEqualTo(4 * 3 + 1);
    JsonNode p99 = report.get("checks").get(2);
    assertThat(p99.get("measurement").get("pattern").asText()).isEqualTo("idmap-per-layer");
    assertThat(p99.get("measurement").get("rounds")).hasSize(3);
    Element three = suite(junitThree);
    assertThat(three.getAttribute("tests")).isEqualTo("3");
    assertThat(three.getAttribute("failures")).isEqualTo("0");
    assertThat(three.getAttribute("errors")).isEqualTo("0");
    NodeList cases = three.getElementsByTagName("testcase");
    assertThat(cases.getLength()).isEqualTo(3);
    assertThat(((Element) cases.item(0)).getAttribute("name")).isEqualTo("layers <= 20");

    assertThat(failed.exitCode()).as(failed.err()).isEqualTo(1);
    assertThat(failed.out()).contains("example.test/app/layered:1 (oci-archive, linux/amd64, 60 layers): FAIL",
        "FAIL  60 layers > 20", "fix: flatten the image",
        "FAIL  241 mount syscalls per user-namespaced start > 100 (per-layer idmap)",
        "FAILED: 0 of 1 image passed");
    Matcher latency = java.util.regex.Pattern.compile("(FAIL|pass)  p99 start latency [0-9.]+ ms (>|<=) 8 ms at 4 "
        + "concurrent starts \\(per-layer idmap; p99 of one round: [0-9.]+ ms; p50 ([0-9.]+) ms\\)").matcher(failed.out());
    assertThat(latency.find()).as(failed.out()).isTrue();
    // Each start of 60 layers makes 20 times the mount syscalls of one of 3: the median start is far slower.
    double p50Three = p99.get("measurement").get("rounds").get(0).get("p50").asDouble();
    assertThat(Double.parseDouble(latency.group(3))).isGreaterThan(3 * p50Three);
    Element sixtySuite = suite(junitSixty);
    assertThat(sixtySuite.getAttribute("tests")).isEqualTo("3");
    assertThat(Integer.parseInt(sixtySuite.getAttribute("failures"))).isGreaterThanOrEqualTo(2);
    Element firstFailure = (Element) sixtySuite.getElementsByTagName("failure").item(0);
    assertThat(firstFailure.getAttribute("message")).isEqualTo("60 layers > 20");
    assertThat(firstFailure.getAttribute("type")).isEqualTo("ThresholdExceeded");
    assertThat(firstFailure.getTextContent()).contains("fix: flatten the image");
  }

  @Test
  void an_image_in_containerd_is_judged_by_its_name() throws Exception {
    try (Containerd containerd = Containerd.start()) {
      TestImages.importImage(containerd, dir, "example.test/app/in-containerd:1", TestImages.busyboxLayers(25));
      Launcher.Result r = Launcher.run("check", "example.test/app/in-containerd:1", "--containerd", containerd.address(),
          "--max-layers", "30", "--max-mount-syscalls", "100", "--containerd-version", "2.2.0");
      assertThat(r.exitCode()).as(r.err()).isZero();
      assertThat(r.out()).contains("example.test/app/in-containerd:1 (containerd, linux/amd64, 25 layers): PASS",
          "pass  25 layers <= 30", "pass  5 mount syscalls per user-namespaced start <= 100 (common-parent idmap, "
              + "containerd 2.2.0)");
      Launcher.Result old = Launcher.run("check", "example.test/app/in-containerd:1", "--containerd", containerd.address(),
          "--max-mount-syscalls", "100", "--containerd-version", "2.0.4");
      assertThat(old.exitCode()).isEqualTo(1);
      assertThat(old.out()).contains("FAIL  101 mount syscalls per user-namespaced start > 100 (per-layer idmap, "
          + "containerd 2.0.4)", "fix: fewer layers, or containerd 2.0.7+, 2.1.5+ or 2.2+");
    }
  }

  @Test
  void bad_input_is_one_line_and_exit_2() throws Exception {
    Launcher.Result missing = Launcher.run("check", "./no-such-image.tar");
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err()).isEqualTo("mountscope check: ./no-such-image.tar: no such file\n");
    Path text = Files.writeString(dir.resolve("notes.tar"), "not a tar at all");
    Launcher.Result notTar = Launcher.run("check", text.toString());
    assertThat(notTar.exitCode()).isEqualTo(2);
    assertThat(notTar.errLines()).hasSize(1);
    assertThat(notTar.err()).startsWith("mountscope check: " + text + ": not an image archive or layout");
    Launcher.Result both = Launcher.run("check", three.toString(), "--idmap", "none", "--containerd-version", "2.0.4");
    assertThat(both.exitCode()).isEqualTo(2);
    assertThat(both.err()).contains("give --idmap or --containerd-version, not both");
  }
}
