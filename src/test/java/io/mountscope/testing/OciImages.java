package io.mountscope.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Writes test images by hand, independently of mountscope's own writer: an OCI image layout
 * (directory, or one tar for {@code ctr images import}) with gzip layers, a config with their
 * diff_ids, a manifest, and an index naming the image.
 */
public final class OciImages {
  private OciImages() {}

  /** Writes the image as an OCI layout directory {@code dir}; returns the manifest digest. */
  public static String writeLayout(Path dir, String name, List<byte[]> tarLayers, String layerMediaType, String cmdJson)
      throws IOException {
    Files.createDirectories(dir.resolve("blobs/sha256"));
    List<String> diffIds = new ArrayList<>();
    List<String> layerDescriptors = new ArrayList<>();
    for (byte[] layer : tarLayers) {
      diffIds.add("\"" + digest(layer) + "\"");
      byte[] blob = layerMediaType.endsWith("gzip") ? TarLayer.gzip(layer) : layer;
      String d = blob(dir, blob);
      layerDescriptors.add("{\"mediaType\":\"" + layerMediaType + "\",\"digest\":\"" + d + "\",\"size\":" + blob.length + "}");
    }
    byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{\"Env\":[\"PATH=/bin\"],\"Cmd\":" + cmdJson
        + "},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[" + String.join(",", diffIds) + "]}}").getBytes(StandardCharsets.UTF_8);
    String configDigest = blob(dir, config);
    byte[] manifest = ("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":"
        + "{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + configDigest + "\",\"size\":"
        + config.length + "},\"layers\":[" + String.join(",", layerDescriptors) + "]}").getBytes(StandardCharsets.UTF_8);
    String manifestDigest = blob(dir, manifest);
    String tag = name.substring(name.lastIndexOf(':') + 1);
    Files.writeString(dir.resolve("index.json"), "{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":"
        + "\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"" + manifestDigest + "\",\"size\":" + manifest.length
        + ",\"platform\":{\"architecture\":\"amd64\",\"os\":\"linux\"},\"annotations\":{\"io.containerd.image.name\":\""
        + name + "\",\"org.opencontainers.image.ref.name\":\"" + tag + "\"}}]}");
    Files.writeString(dir.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
    return manifestDigest;
  }

  /** Packs a layout directory into one tar file. */
  public static Path pack(Path layout, Path tarFile) throws IOException {
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(Files.newOutputStream(tarFile));
        var files = Files.walk(layout)) {
      for (Path p : files.filter(Files::isRegularFile).sorted().toList()) {
        TarArchiveEntry e = new TarArchiveEntry(layout.relativize(p).toString());
        e.setSize(Files.size(p));
        tar.putArchiveEntry(e);
        Files.copy(p, tar);
        tar.closeArchiveEntry();
      }
    }
    return tarFile;
  }

  public static String digest(byte[] bytes) {
    try {
      return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String blob(Path dir, byte[] content) throws IOException {
    String d = digest(content);
    Files.write(dir.resolve("blobs/sha256/" + d.substring(7)), content);
    return d;
  }
}
