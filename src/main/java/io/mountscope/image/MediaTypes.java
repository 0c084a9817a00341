package io.mountscope.image;

import java.util.Set;

/** The OCI and Docker media types mountscope reads and writes. */
public final class MediaTypes {
  public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
  public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  public static final String OCI_CONFIG = "application/vnd.oci.image.config.v1+json";
  public static final String OCI_LAYER = "application/vnd.oci.image.layer.v1.tar";
  public static final String OCI_LAYER_GZIP = "application/vnd.oci.image.layer.v1.tar+gzip";
  public static final String OCI_LAYER_ZSTD = "application/vnd.oci.image.layer.v1.tar+zstd";
  public static final String DOCKER_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
  public static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
  public static final String DOCKER_LAYER_GZIP = "application/vnd.docker.image.rootfs.diff.tar.gzip";
  public static final String DOCKER_LAYER = "application/vnd.docker.image.rootfs.diff.tar";

  static final Set<String> INDEXES = Set.of(OCI_INDEX, DOCKER_LIST);
  static final Set<String> MANIFESTS = Set.of(OCI_MANIFEST, DOCKER_MANIFEST);

  private MediaTypes() {}

  /** Why a layer of this type cannot be read as a tar stream here, or null when it can. */
  public static String unreadableLayer(String mediaType) {
    if (mediaType == null) {
      return "a layer without a media type";
    }
    if (mediaType.endsWith("+encrypted")) {
      return "an encrypted layer (" + mediaType + ")";
    }
    if (mediaType.contains("foreign") || mediaType.contains("nondistributable")) {
      return "a foreign (non-distributable) layer (" + mediaType + ")";
    }
    if (mediaType.endsWith("+zstd") || mediaType.endsWith(".zstd")) {
      return "a zstd-compressed layer (" + mediaType + "); only gzip and uncompressed layers are supported";
    }
    if (mediaType.equals(OCI_LAYER) || mediaType.equals(OCI_LAYER_GZIP) || mediaType.equals(DOCKER_LAYER)
        || mediaType.equals(DOCKER_LAYER_GZIP)) {
      return null;
    }
    return "a layer of unknown type " + mediaType;
  }
}
