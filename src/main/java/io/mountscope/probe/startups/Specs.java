package io.mountscope.probe.startups;

import com.fasterxml.jackson.databind.JsonNode;

/** Reading what matters here out of an OCI runtime spec and a task's rootfs mounts. */
final class Specs {
  private Specs() {}

  /** True when the spec asks for a user namespace (uid mappings, or a "user" namespace entry). */
  static boolean usesUserNamespace(JsonNode spec) {
    JsonNode linux = spec.path("linux");
    if (linux.path("uidMappings").size() > 0) {
      return true;
    }
    for (JsonNode ns : linux.path("namespaces")) {
      if ("user".equals(ns.path("type").asText())) {
        return true;
      }
    }
    return false;
  }

  /** True when a rootfs mount carries uidmap=/gidmap= options (containerd 2.x idmapped layers). */
  static boolean idmappedRootfs(JsonNode rootfs) {
    for (JsonNode m : rootfs) {
      for (JsonNode o : m.path("options")) {
        String opt = o.asText();
        if (opt.startsWith("uidmap=") || opt.startsWith("gidmap=")) {
          return true;
        }
      }
    }
    return false;
  }

  /** Layers of an overlay rootfs: the number of lowerdirs; null when the rootfs is not an overlay. */
  static Integer overlayLayers(JsonNode rootfs) {
    for (JsonNode m : rootfs) {
      if (!"overlay".equals(m.path("type").asText())) {
        continue;
      }
      for (JsonNode o : m.path("options")) {
        String opt = o.asText();
        if (opt.startsWith("lowerdir=")) {
          return opt.substring("lowerdir=".length()).split(":").length;
        }
      }
    }
    return null;
  }
}
