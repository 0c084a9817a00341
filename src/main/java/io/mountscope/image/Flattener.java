package io.mountscope.image;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mountscope.util.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds a single-layer copy of an image: its layers applied in order (whiteouts and opaque
 * directories honoured, as containerd applies them), written as one gzip layer with the original
 * config (rootfs and history rewritten), packed as an OCI archive ready for {@code ctr images
 * import}. Reads the original's blobs only; never writes to where they came from.
 */
public final class Flattener {
  /** Annotation on the new manifest naming what it was flattened from. */
  public static final String FLATTENED_FROM = "io.mountscope.flattened-from";
  private static final Logger LOG = LoggerFactory.getLogger(Flattener.class);

  /** What was written: the archive, the new manifest's descriptor, its one layer, and counts. */
  public record Result(Path archive, Descriptor manifest, Descriptor layer, String diffId, int originalLayers,
      int paths, int entriesRead) {}

  private Flattener() {}

  /** Refuses up front what cannot be read, before any work. */
  public static void check(String source, ResolvedImage image) {
    List<Descriptor> layers = image.manifest().layers();
    if (layers.isEmpty()) {
      throw new FlattenRefused("cannot flatten " + source + ": it has no layers");
    }
    for (int i = 0; i < layers.size(); i++) {
      String why = MediaTypes.unreadableLayer(layers.get(i).mediaType());
      if (why != null) {
        throw new FlattenRefused("cannot flatten " + source + ": layer " + (i + 1) + " of " + layers.size()
            + " is " + why);
      }
    }
  }

  /**
   * Flattens {@code image} (from {@code blobs}, named {@code source}) into an OCI archive in
   * {@code workDir} whose index names it {@code newName}.
   */
  public static Result flatten(BlobSource blobs, ResolvedImage image, String source, String newName, Path workDir)
      throws IOException {
    check(source, image);
    List<Descriptor> layers = image.manifest().layers();
    int n = layers.size();
    LayerMerge merge = new LayerMerge(source);
    for (int i = 0; i < n; i++) {
      try (TarArchiveInputStream tar = LayerStream.open(blobs, layers.get(i), where(source, i, n))) {
        merge.apply(i, n, tar);
      }
      LOG.info("flatten {}: read headers of layer {}/{}", source, i + 1, n);
    }
    Map<Integer, BitSet> survivors = merge.survivors();

    Path layerFile = workDir.resolve("layer.tar.gz");
    FlatLayerWriter.Written written;
    try (FlatLayerWriter out = new FlatLayerWriter(layerFile)) {
      for (Map.Entry<String, TarArchiveEntry> d : merge.directories().entrySet()) {
        out.directory(d.getKey(), d.getValue());
      }
      for (int i = 0; i < n; i++) {
        BitSet keep = survivors.get(i);
        if (keep == null) {
          continue;
        }
        try (TarArchiveInputStream tar = LayerStream.open(blobs, layers.get(i), where(source, i, n))) {
          TarArchiveEntry e;
          int ordinal = -1;
          while ((e = tar.getNextEntry()) != null) {
            ordinal++;
            if (keep.get(ordinal)) {
              out.entry(LayerMerge.normalize(e.getName(), where(source, i, n)), e, tar);
            }
          }
        }
        LOG.info("flatten {}: copied layer {}/{}", source, i + 1, n);
      }
      written = out.finish();
    }

    Descriptor layer = new Descriptor(MediaTypes.OCI_LAYER_GZIP, written.digest(), written.size());
    byte[] config = config(blobs.read(image.manifest().config().digest()), written.diffId(), source, n);
    Path archive = workDir.resolve("flattened.oci.tar");
    Descriptor manifest;
    try (OciArchive oci = new OciArchive(archive)) {
      String configDigest = oci.blob(config);
      oci.blob(layer.digest(), layerFile);
      byte[] manifestJson = manifest(new Descriptor(MediaTypes.OCI_CONFIG, configDigest, config.length), layer,
          source + "@" + image.manifestDescriptor().digest());
      String manifestDigest = oci.blob(manifestJson);
      manifest = new Descriptor(MediaTypes.OCI_MANIFEST, manifestDigest, manifestJson.length, image.platform(),
          Map.of("io.containerd.image.name", newName, "org.opencontainers.image.ref.name", tagOf(newName)));
      oci.index(index(manifest));
    }
    Files.deleteIfExists(layerFile);
    return new Result(archive, manifest, layer, written.diffId(), n, merge.paths(), merge.entriesRead());
  }

  private static String where(String source, int i, int n) {
    return "cannot flatten " + source + ": layer " + (i + 1) + " of " + n;
  }

  /** The original config with one diff_id and one history entry; everything else (env, cmd, user...) kept. */
  static byte[] config(byte[] original, String diffId, String source, int layers) throws IOException {
    ObjectNode c = (ObjectNode) Json.mapper().readTree(original);
    ObjectNode rootfs = c.putObject("rootfs");
    rootfs.put("type", "layers");
    rootfs.putArray("diff_ids").add(diffId);
    ArrayNode history = c.putArray("history");
    ObjectNode h = history.addObject();
    h.put("created", Instant.now().toString());
    h.put("created_by", "mountscope images flatten " + source);
    h.put("comment", layers + " layers applied in order into one");
    return Json.mapper().writeValueAsBytes(c);
  }

  static byte[] manifest(Descriptor config, Descriptor layer, String from) throws IOException {
    ObjectNode m = Json.mapper().createObjectNode();
    m.put("schemaVersion", 2);
    m.put("mediaType", MediaTypes.OCI_MANIFEST);
    m.set("config", Json.mapper().valueToTree(config));
    m.putArray("layers").add(Json.mapper().valueToTree(layer));
    m.putObject("annotations").put(FLATTENED_FROM, from);
    return Json.mapper().writeValueAsBytes(m);
  }

  static byte[] index(Descriptor manifest) throws IOException {
    ObjectNode i = Json.mapper().createObjectNode();
    i.put("schemaVersion", 2);
    i.put("mediaType", MediaTypes.OCI_INDEX);
    i.putArray("manifests").add(Json.mapper().valueToTree(manifest));
    return Json.mapper().writeValueAsBytes(i);
  }

  /** "registry/app:1.2-flat" -> "1.2-flat"; a name without a tag is its own ref name. */
  static String tagOf(String name) {
    int slash = name.lastIndexOf('/');
    int colon = name.lastIndexOf(':');
    return colon > slash ? name.substring(colon + 1) : name;
  }
}
