package io.mountscope.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.mountscope.testing.OciImages;
import io.mountscope.testing.TarLayer;
import io.mountscope.util.Json;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Flattening against hand-built layers: whiteouts, opaque dirs, replacements, links, refusals. */
class FlattenerTest {
  private static final String GZ = MediaTypes.OCI_LAYER_GZIP;

  @TempDir
  Path tmp;

  /** An entry of the flattened layer: type letter (d, f, l symlink, h hard link), mode, content or link target. */
  record Entry(char type, int mode, String data) {}

  @Test
  void whiteouts_opaque_dirs_and_replacements_come_out_as_containerd_applies_them() throws Exception {
    List<byte[]> layers = List.of(
        new TarLayer().dir("etc", 0755).file("etc/keep", "k", 0644).file("etc/gone", "g", 0644)
            .dir("etc/sub", 0755).file("etc/sub/a", "a", 0644)
            .dir("opq", 0700).file("opq/old", "old", 0644)
            .dir("dirfile", 0755).file("dirfile/x", "x", 0644)
            .file("filedir", "was a file", 0644)
            .dir("data", 0755).file("data/orig", "orig", 0600)
            .dir("bin", 0755).file("bin/busybox", "ELF", 0755).symlink("bin/sh", "busybox").tar(),
        // opaque marker after the layer's own entry: it hides only the lower layers
        new TarLayer().whiteout("etc/gone").file("opq/new", "new", 0640).opaque("opq")
            .file("dirfile", "now a file", 0644).file("etc/keep", "k2", 0600)
            .file("data/twin", "twin", 0644).hardlink("data/hard", "data/twin").tar(),
        new TarLayer().whiteout("etc/sub").file("etc/sub/b", "b", 0644)
            .dir("filedir", 0711).file("filedir/y", "y", 0644).tar(),
        new TarLayer().file("etc/new", "n", 0644).tar());
    Flattener.Result r = flatten("example.com/app:1", layers, GZ);
    Map<String, Entry> flat = layerEntries(r);

    assertThat(flat).containsOnlyKeys("etc", "etc/keep", "etc/sub/b", "etc/new", "opq", "opq/new", "dirfile",
        "filedir", "filedir/y", "data", "data/orig", "data/twin", "data/hard", "bin", "bin/busybox", "bin/sh");
    assertThat(flat.get("etc/keep")).isEqualTo(new Entry('f', 0600, "k2"));
    assertThat(flat.get("opq")).isEqualTo(new Entry('d', 0700, ""));
    assertThat(flat.get("opq/new")).isEqualTo(new Entry('f', 0640, "new"));
    assertThat(flat.get("dirfile")).isEqualTo(new Entry('f', 0644, "now a file"));
    assertThat(flat.get("filedir")).isEqualTo(new Entry('d', 0711, ""));
    assertThat(flat.get("data/hard")).isEqualTo(new Entry('h', 0644, "data/twin"));
    assertThat(flat.get("bin/sh")).isEqualTo(new Entry('l', 0777, "busybox"));
    assertThat(flat.get("bin/busybox")).isEqualTo(new Entry('f', 0755, "ELF"));
    assertThat(r.originalLayers()).isEqualTo(4);
  }

  @Test
  void config_keeps_the_command_and_names_the_one_layer_by_its_diff_id() throws Exception {
    Flattener.Result r = flatten("example.com/app:1", List.of(new TarLayer().file("a", "1", 0644).tar(),
        new TarLayer().file("b", "2", 0644).tar()), GZ);
    Map<String, byte[]> archive = archive(r.archive());
    JsonNode index = Json.mapper().readTree(archive.get("index.json"));
    JsonNode entry = index.get("manifests").get(0);
    assertThat(entry.get("annotations").get("io.containerd.image.name").asText()).isEqualTo("example.com/app:1-flat");
    assertThat(entry.get("digest").asText()).isEqualTo(r.manifest().digest());
    byte[] manifestBytes = archive.get(blob(entry.get("digest").asText()));
    assertThat(OciImages.digest(manifestBytes)).isEqualTo(r.manifest().digest());
    JsonNode manifest = Json.mapper().readTree(manifestBytes);
    assertThat(manifest.get("layers")).hasSize(1);
    assertThat(manifest.get("annotations").get(Flattener.FLATTENED_FROM).asText()).startsWith("example.com/app:1@sha256:");
    JsonNode config = Json.mapper().readTree(archive.get(blob(manifest.get("config").get("digest").asText())));
    byte[] layer = archive.get(blob(manifest.get("layers").get(0).get("digest").asText()));
    byte[] uncompressed = new GZIPInputStream(new ByteArrayInputStream(layer)).readAllBytes();
    assertThat(config.get("rootfs").get("diff_ids").get(0).asText()).isEqualTo(OciImages.digest(uncompressed));
    assertThat(config.get("config").get("Cmd").get(0).asText()).isEqualTo("/bin/sh");
    assertThat(config.get("history")).hasSize(1);
  }

  @Test
  void a_hard_link_whose_target_a_later_layer_replaces_is_refused() {
    List<byte[]> layers = List.of(new TarLayer().file("f", "1", 0644).hardlink("h", "f").tar(),
        new TarLayer().file("f", "2", 0644).tar());
    assertThatThrownBy(() -> flatten("app:2", layers, GZ)).isInstanceOf(FlattenRefused.class)
        .hasMessage("cannot flatten app:2: layer 1 has a hard link h to f, which a later layer replaces; "
            + "one layer cannot express that");
  }

  @Test
  void a_hard_link_to_a_lower_layer_is_refused_as_containerd_refuses_to_apply_it() {
    List<byte[]> layers = List.of(new TarLayer().file("f", "1", 0644).tar(), new TarLayer().hardlink("h", "f").tar());
    assertThatThrownBy(() -> flatten("app:7", layers, GZ)).isInstanceOf(FlattenRefused.class)
        .hasMessage("cannot flatten app:7: layer 2 of 2 has a hard link h to f of a lower layer, "
            + "which containerd cannot apply either");
  }

  @Test
  void a_layer_writing_through_a_symlinked_directory_is_refused() {
    List<byte[]> layers = List.of(new TarLayer().symlink("lib", "usr/lib").tar(),
        new TarLayer().file("lib/x", "x", 0644).tar());
    assertThatThrownBy(() -> flatten("app:3", layers, GZ)).isInstanceOf(FlattenRefused.class)
        .hasMessageContaining("layer 2 of 2 writes lib/x under lib, which is a symlink");
  }

  @Test
  void an_entry_climbing_out_of_the_root_is_refused() {
    List<byte[]> layers = List.of(new TarLayer().file("../evil", "x", 0644).tar(), new TarLayer().file("a", "a", 0644).tar());
    assertThatThrownBy(() -> flatten("app:4", layers, GZ)).isInstanceOf(FlattenRefused.class)
        .hasMessageContaining("climbs out of the root: ../evil");
  }

  @Test
  void zstd_layers_are_refused_before_any_work() {
    List<byte[]> layers = List.of(new TarLayer().file("a", "a", 0644).tar(), new TarLayer().file("b", "b", 0644).tar());
    assertThatThrownBy(() -> flatten("app:5", layers, MediaTypes.OCI_LAYER_ZSTD)).isInstanceOf(FlattenRefused.class)
        .hasMessage("cannot flatten app:5: layer 1 of 2 is a zstd-compressed layer "
            + "(application/vnd.oci.image.layer.v1.tar+zstd); only gzip and uncompressed layers are supported");
  }

  @Test
  void uncompressed_layers_are_read_too() throws Exception {
    Flattener.Result r = flatten("app:6", List.of(new TarLayer().file("a", "a", 0644).tar(),
        new TarLayer().whiteout("a").file("b", "b", 0644).tar()), MediaTypes.OCI_LAYER);
    assertThat(layerEntries(r)).containsOnlyKeys("b");
  }

  private Flattener.Result flatten(String name, List<byte[]> layers, String mediaType) throws IOException {
    Path layout = Files.createTempDirectory(tmp, "layout");
    OciImages.writeLayout(layout, name, layers, mediaType, "[\"/bin/sh\"]");
    OciLayout blobs = new OciLayout(layout);
    ResolvedImage image = ResolvedImage.resolve(blobs, blobs.index().get(0), Platform.current());
    Path work = Files.createTempDirectory(tmp, "work");
    return Flattener.flatten(blobs, image, name, name + "-flat", work);
  }

  private static String blob(String digest) {
    return "blobs/" + digest.replace(':', '/');
  }

  static Map<String, byte[]> archive(Path tar) throws IOException {
    Map<String, byte[]> files = new HashMap<>();
    try (TarArchiveInputStream in = new TarArchiveInputStream(Files.newInputStream(tar))) {
      TarArchiveEntry e;
      while ((e = in.getNextEntry()) != null) {
        files.put(e.getName(), in.readAllBytes());
      }
    }
    return files;
  }

  private static Map<String, Entry> layerEntries(Flattener.Result r) throws IOException {
    byte[] layer = archive(r.archive()).get(blob(r.layer().digest()));
    Map<String, Entry> out = new TreeMap<>();
    try (InputStream gz = new GZIPInputStream(new ByteArrayInputStream(layer));
        TarArchiveInputStream in = new TarArchiveInputStream(gz)) {
      TarArchiveEntry e;
      while ((e = in.getNextEntry()) != null) {
        String name = e.getName().endsWith("/") ? e.getName().substring(0, e.getName().length() - 1) : e.getName();
        char type = e.isDirectory() ? 'd' : e.isSymbolicLink() ? 'l' : e.isLink() ? 'h' : 'f';
        String data = type == 'f' ? new String(in.readAllBytes(), StandardCharsets.UTF_8)
            : type == 'd' ? "" : e.getLinkName();
        out.put(name, new Entry(type, e.getMode() & 07777, data));
      }
    }
    return out;
  }
}
