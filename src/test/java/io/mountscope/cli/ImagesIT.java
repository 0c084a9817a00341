package io.mountscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mountscope.testing.Containerd;
import io.mountscope.testing.Launcher;
import io.mountscope.testing.Prerequisites;
import io.mountscope.testing.TarLayer;
import io.mountscope.testing.TestImages;
import io.mountscope.util.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The image inventory and flatten against a real containerd of the test's own. */
class ImagesIT {
  private static final String FIVE = "example.test/mountscope/five:1";
  private static final String MANY = "example.test/mountscope/many:1";
  private static final String EDGES = "example.test/mountscope/edges:1";
  private static final Map<String, Path> layouts = new HashMap<>();
  private static Containerd containerd;

  @TempDir
  static Path work;

  @BeforeAll
  static void containerdWithImages() throws Exception {
    containerd = Containerd.start();
    layouts.put(FIVE, TestImages.importImage(containerd, work, FIVE, TestImages.busyboxLayers(5)));
    layouts.put(MANY, TestImages.importImage(containerd, work, MANY, TestImages.busyboxLayers(25)));
    layouts.put(EDGES, TestImages.importImage(containerd, work, EDGES, edgeLayers()));
  }

  @AfterAll
  static void stop() throws Exception {
    if (containerd != null) {
      containerd.closeLeavingNoMounts();
    }
  }

  /** Four layers with every kind of change a Dockerfile makes: deletes, opaque dirs, replacements, links, modes. */
  static List<byte[]> edgeLayers() {
    List<byte[]> layers = new ArrayList<>();
    layers.add(new TarLayer().dir("bin", 0755).copy("bin/busybox", Prerequisites.command("busybox", "busybox-static"), 0755)
        .symlink("bin/sh", "busybox").dir("etc", 0755).file("etc/hello", "hello\n", 0644).file("etc/gone", "g", 0644)
        .file("etc/keep", "k", 0644).dir("etc/sub", 0755).file("etc/sub/a", "a", 0644)
        .dir("opq", 0700).file("opq/old", "old", 0644).dir("opq/deep", 0755).file("opq/deep/x", "x", 0644)
        .dir("dirfile", 0755).file("dirfile/x", "x", 0644).file("filedir", "file", 0644)
        .dir("data", 0755).file("data/orig", "original", 0600).tar());
    layers.add(new TarLayer().whiteout("etc/gone").dir("opq", 0700).opaque("opq").file("opq/new", "new", 0640)
        .file("dirfile", "now a file", 0644).file("etc/keep", "k2", 0600).file("data/twin", "twin", 0644)
        .hardlink("data/hard", "data/twin").whiteout("etc/sub/a").tar());
    layers.add(new TarLayer().dir("filedir", 0711).file("filedir/y", "y", 0644).file("etc/sub/b", "b", 0644)
        .file("usr/share/doc/implied", "parents without entries", 0644).tar());
    layers.add(new TarLayer().file("etc/new", "n", 0644).file("etc/hello", "hello again\n", 0644)
        .file("bin/suid", "s", 04755).tar());
    return layers;
  }

  private static JsonNode image(JsonNode report, String ref) {
    for (JsonNode i : report.get("images")) {
      if (i.get("ref").asText().equals(ref)) {
        return i;
      }
    }
    throw new AssertionError(ref + " not in " + report);
  }

  @Test
  void images_lists_layers_size_and_the_mount_syscalls_one_start_costs() throws Exception {
    Launcher.Result r = Launcher.run("images", "--containerd", containerd.address(), "--namespace",
        containerd.namespace(), "--json");
    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode report = Json.mapper().readTree(r.out());
    String version = Launcher.exec(List.of("containerd", "--version"), Map.of(), 30).out().split("\\s+")[2];
    assertThat(report.get("containerd").get("version").asText()).isEqualTo(version);
    assertThat(report.get("containerd").get("idmap").asText()).isEqualTo("none");
    assertThat(report.get("containerd").get("idmapPerLayer").asBoolean()).isFalse();
    assertThat(report.get("layerThreshold").asInt()).isEqualTo(20);

    JsonNode five = image(report, FIVE);
    assertThat(five.get("layers").asInt()).isEqualTo(5);
    assertThat(five.get("sizeBytes").asLong()).isEqualTo(TestImages.blobBytes(layouts.get(FIVE)));
    assertThat(five.get("mountSyscallsPerStart").toString())
        .isEqualTo("{\"noUserns\":1,\"perLayerIdmap\":21,\"commonParentIdmap\":5}");
    assertThat(five.get("overThreshold").asBoolean()).isFalse();

    JsonNode many = image(report, MANY);
    assertThat(many.get("layers").asInt()).isEqualTo(25);
    assertThat(many.get("mountSyscallsPerStart").get("perLayerIdmap").asInt()).isEqualTo(101);
    assertThat(many.get("overThreshold").asBoolean()).isTrue();
    assertThat(report.get("overThreshold").asInt()).isEqualTo(1);

    Launcher.Result text = Launcher.run("images", "--containerd", containerd.address(), "--namespace",
        containerd.namespace(), "--layer-threshold", "3");
    assertThat(text.out()).containsPattern("(?m)^\\S+ +5 .* 21 +5  " + FIVE.replace(".", "\\.") + "  <- over 3 layers: flatten$")
        .contains("3 images have more than 3 layers");
  }

  @Test
  void flatten_builds_one_layer_whose_root_filesystem_equals_the_original_and_runs() throws Exception {
    String before = containerd.ctrOk("images", "list", "name==" + EDGES);
    Launcher.Result r = Launcher.run("images", "flatten", EDGES, "--containerd", containerd.address(), "--json");
    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode result = Json.mapper().readTree(r.out());
    String flat = EDGES + "-flat";
    assertThat(result.get("target").asText()).isEqualTo(flat);
    assertThat(result.get("namespace").asText()).isEqualTo(containerd.namespace());
    assertThat(result.get("sourceLayers").asInt()).isEqualTo(4);
    assertThat(result.get("targetLayers").asInt()).isEqualTo(1);

    // the original is untouched: same digest, same size, still four layers
    assertThat(containerd.ctrOk("images", "list", "name==" + EDGES)).isEqualTo(before);
    Launcher.Result list = Launcher.run("images", "--containerd", containerd.address(), "--namespace",
        containerd.namespace(), "--json");
    JsonNode report = Json.mapper().readTree(list.out());
    assertThat(image(report, EDGES).get("layers").asInt()).isEqualTo(4);
    assertThat(image(report, flat).get("layers").asInt()).isEqualTo(1);

    Map<String, String> original = rootfs(EDGES);
    Map<String, String> flattened = rootfs(flat);
    assertThat(flattened).isEqualTo(original);
    // whiteouts applied (the same in both, by the equality above)
    assertThat(original).doesNotContainKeys("./etc/gone", "./opq/old", "./opq/deep", "./etc/sub/a")
        .containsKeys("./opq/new", "./etc/sub/b", "./usr/share/doc/implied", "./data/hard");
    assertThat(original.keySet()).noneMatch(p -> p.contains(".wh."));
    assertThat(original.get("./dirfile")).startsWith("f|644|0|0|10|1|");
    assertThat(original.get("./filedir")).startsWith("d|711|");
    assertThat(original.get("./bin/suid")).startsWith("f|4755|");
    assertThat(original.get("./data/hard")).startsWith("f|644|0|0|4|2|");

    Launcher.Result run = containerd.ctr(containerd.namespace(), "run", "--rm", flat, "flat-runs",
        "/bin/busybox", "cat", "/etc/hello");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).isEqualTo("hello again\n");
  }

  /**
   * Every path of the image's root filesystem as containerd mounts it (in a private mount
   * namespace, gone with the shell): type, mode, owner, size and link count of files, symlink
   * targets, md5 of contents.
   */
  private static Map<String, String> rootfs(String ref) throws Exception {
    Path target = Files.createTempDirectory(work, "mnt");
    String ctr = String.join(" ", containerd.command(containerd.namespace()));
    String script = ctr + " images mount " + ref + " " + target + " >/dev/null && cd " + target
        + " && find . -xdev -printf '%p|%y|%m|%U|%G|%s|%n|%l\\n' | sort && echo '== md5' "
        + "&& find . -xdev -type f -exec md5sum {} + | sort -k2";
    Launcher.Result r = Launcher.exec(List.of("unshare", "--mount", "--propagation", "private", "sh", "-c", script),
        Map.of(), 60);
    assertThat(r.exitCode()).as(r.err()).isZero();
    Map<String, String> entries = new HashMap<>();
    boolean md5 = false;
    for (String line : r.out().split("\n")) {
      if (line.equals("== md5")) {
        md5 = true;
      } else if (md5) {
        String[] f = line.split("\\s+", 2);
        entries.merge(f[1], "md5=" + f[0], (a, b) -> a + "|" + b);
      } else if (!line.isBlank()) {
        String[] f = line.split("\\|", -1);
        // directory sizes depend on the filesystem below (overlay, ext4): not part of the contents
        String size = f[1].equals("d") ? "-" : f[5];
        entries.merge(f[0], String.join("|", f[1], f[2], f[3], f[4], size, f[1].equals("d") ? "-" : f[6], f[7]),
            (a, b) -> b + "|" + a);
      }
    }
    return entries;
  }

  @Test
  void flatten_refuses_a_hard_link_whose_target_a_later_layer_replaces_and_imports_nothing() throws Exception {
    String bad = "example.test/mountscope/badlink:1";
    TestImages.importImage(containerd, work, bad, List.of(
        new TarLayer().file("f", "1", 0644).hardlink("h", "f").tar(), new TarLayer().file("f", "2", 0644).tar()));
    Launcher.Result r = Launcher.run("images", "flatten", bad, "--containerd", containerd.address());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.errLines()).containsExactly("mountscope images flatten: cannot flatten " + bad
        + ": layer 1 has a hard link h to f, which a later layer replaces; one layer cannot express that");
    assertThat(containerd.ctrOk("images", "list", "--quiet")).doesNotContain(bad + "-flat");
  }

  @Test
  void flatten_says_what_is_wrong_with_a_missing_image_or_a_taken_name() throws Exception {
    Launcher.Result missing = Launcher.run("images", "flatten", "example.test/none:1", "--containerd", containerd.address());
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.errLines()).singleElement().asString().startsWith("mountscope images flatten: no image example.test/none:1 in containerd at ");
    Launcher.Result taken = Launcher.run("images", "flatten", FIVE, "--tag", MANY, "--containerd", containerd.address());
    assertThat(taken.exitCode()).isEqualTo(2);
    assertThat(taken.errLines()).containsExactly("mountscope images flatten: " + MANY + " already exists in namespace "
        + containerd.namespace() + ": choose another --tag, or remove it first (ctr -n " + containerd.namespace()
        + " images rm " + MANY + ")");
    Launcher.Result unreachable = Launcher.run("images", "--containerd", work.resolve("none.sock").toString());
    assertThat(unreachable.exitCode()).isEqualTo(3);
    assertThat(unreachable.errLines()).singleElement().asString().startsWith("mountscope images: containerd not reachable: no socket at ");
  }
}
