package io.mountscope.containerd;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Where containerd listens: the operator's choice, CONTAINERD_ADDRESS, or the first well-known socket present. */
public final class ContainerdAddress {
  /** Plain containerd (Kubernetes nodes), Docker's managed containerd, k3s and RKE2. */
  public static final List<String> WELL_KNOWN = List.of(
      "/run/containerd/containerd.sock",
      "/run/docker/containerd/containerd.sock",
      "/run/k3s/containerd/containerd.sock");

  private ContainerdAddress() {}

  /** {@code explicit} if given, else CONTAINERD_ADDRESS, else the first well-known socket that exists. */
  public static String resolve(String explicit) {
    if (explicit != null && !explicit.isBlank()) {
      return path(explicit);
    }
    String env = System.getenv("CONTAINERD_ADDRESS");
    if (env != null && !env.isBlank()) {
      return path(env);
    }
    for (String candidate : WELL_KNOWN) {
      if (Files.exists(Path.of(candidate))) {
        return candidate;
      }
    }
    return WELL_KNOWN.get(0);
  }

  /** "unix:///run/containerd/containerd.sock" -> "/run/containerd/containerd.sock". */
  public static String path(String address) {
    String a = address.trim();
    if (a.startsWith("unix://")) {
      a = a.substring("unix://".length());
    }
    return a;
  }
}
