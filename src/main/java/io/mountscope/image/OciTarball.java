package io.mountscope.image;

import io.mountscope.util.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarFile;

/**
 * An image archive read in place: an OCI layout packed in a tar ({@code index.json},
 * {@code blobs/sha256/...}), as {@code ctr images export}, {@code skopeo copy oci-archive:},
 * {@code docker save} (25+) and buildkit's {@code type=oci} write it. Older {@code docker save}
 * archives have only {@code manifest.json}; {@link #dockerLayers()} reads their layer lists.
 */
public final class OciTarball implements BlobSource, AutoCloseable {
  private final TarFile tar;
  private final Map<String, TarArchiveEntry> entries = new HashMap<>();

  public OciTarball(Path file) throws IOException {
    tar = new TarFile(file);
    for (TarArchiveEntry e : tar.getEntries()) {
      if (e.isFile()) {
        entries.put(normal(e.getName()), e);
      }
    }
  }

  private static String normal(String name) {
    String n = name;
    while (n.startsWith("./")) {
      n = n.substring(2);
    }
    return n;
  }

  public boolean has(String name) {
    return entries.containsKey(name);
  }

  @Override
  public InputStream open(String digest) throws IOException {
    int colon = digest.indexOf(':');
    if (colon < 0 || digest.indexOf('/') >= 0) {
      throw new IOException("not a digest: " + digest);
    }
    return entry("blobs/" + digest.substring(0, colon) + "/" + digest.substring(colon + 1));
  }

  /** The descriptors of index.json. */
  public List<Descriptor> index() throws IOException {
    try (InputStream in = entry("index.json")) {
      return ImageManifest.indexEntries(in.readAllBytes());
    }
  }

  /** For a docker save archive: each image's tags and its layer count, from manifest.json. */
  public List<DockerImage> dockerLayers() throws IOException {
    try (InputStream in = entry("manifest.json")) {
      var root = Json.mapper().readTree(in);
      List<DockerImage> out = new java.util.ArrayList<>();
      for (var image : root) {
        List<String> tags = new java.util.ArrayList<>();
        image.path("RepoTags").forEach(t -> tags.add(t.asText()));
        out.add(new DockerImage(tags, image.path("Layers").size()));
      }
      return out;
    }
  }

  /** An image of a docker save archive: its tags and layer count. */
  public record DockerImage(List<String> tags, int layers) {}

  private InputStream entry(String name) throws IOException {
    TarArchiveEntry e = entries.get(name);
    if (e == null) {
      throw new IOException(name + " is not in the archive");
    }
    return tar.getInputStream(e);
  }

  @Override
  public void close() throws IOException {
    tar.close();
  }
}
