package io.mountscope.image;

import com.fasterxml.jackson.databind.JsonNode;
import io.mountscope.util.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** An image manifest (OCI or Docker schema 2): its config and its layers, bottom first. */
public record ImageManifest(String mediaType, Descriptor config, List<Descriptor> layers) {

  public static ImageManifest parse(byte[] json) throws IOException {
    JsonNode n = Json.mapper().readTree(json);
    if (n.path("schemaVersion").asInt() == 1) {
      throw new IOException("a Docker schema 1 manifest (not supported; re-push the image with a current client)");
    }
    if (!n.has("config") || !n.has("layers")) {
      throw new IOException("not an image manifest (no config and layers)");
    }
    List<Descriptor> layers = new ArrayList<>();
    for (JsonNode l : n.get("layers")) {
      layers.add(descriptor(l));
    }
    return new ImageManifest(n.path("mediaType").asText(MediaTypes.OCI_MANIFEST), descriptor(n.get("config")),
        List.copyOf(layers));
  }

  /** The entries of an image index (or of an OCI layout's index.json). */
  public static List<Descriptor> indexEntries(byte[] json) throws IOException {
    JsonNode n = Json.mapper().readTree(json);
    if (!n.has("manifests")) {
      throw new IOException("not an image index (no manifests)");
    }
    List<Descriptor> out = new ArrayList<>();
    for (JsonNode m : n.get("manifests")) {
      out.add(descriptor(m));
    }
    return out;
  }

  /** True when the JSON is an index rather than a manifest. */
  static boolean isIndex(String mediaType, byte[] json) throws IOException {
    if (MediaTypes.INDEXES.contains(mediaType)) {
      return true;
    }
    if (MediaTypes.MANIFESTS.contains(mediaType)) {
      return false;
    }
    return Json.mapper().readTree(json).has("manifests");
  }

  /** Sum of the layers' sizes as stored (compressed). */
  public long layersSize() {
    return layers.stream().mapToLong(Descriptor::size).sum();
  }

  static Descriptor descriptor(JsonNode n) throws IOException {
    if (n == null || !n.hasNonNull("digest")) {
      throw new IOException("descriptor without a digest");
    }
    Platform platform = n.has("platform") ? Json.mapper().treeToValue(n.get("platform"), Platform.class) : null;
    java.util.Map<String, String> annotations = null;
    if (n.has("annotations")) {
      annotations = new java.util.LinkedHashMap<>();
      var it = n.get("annotations").fields();
      while (it.hasNext()) {
        var e = it.next();
        annotations.put(e.getKey(), e.getValue().asText());
      }
    }
    return new Descriptor(n.path("mediaType").asText(null), n.get("digest").asText(), n.path("size").asLong(),
        platform, annotations);
  }
}
