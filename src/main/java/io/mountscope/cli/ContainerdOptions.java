package io.mountscope.cli;

import picocli.CommandLine.Option;

/** --containerd and --namespace, shared by the commands that talk to containerd. */
public final class ContainerdOptions {
  @Option(names = "--containerd", paramLabel = "ADDR",
      description = "containerd socket (default: $CONTAINERD_ADDRESS, else the first of /run/containerd/containerd.sock, "
          + "/run/docker/containerd/containerd.sock, /run/k3s/containerd/containerd.sock that exists).")
  String address;

  @Option(names = "--namespace", paramLabel = "NS", description = "Only this containerd namespace (default: all).")
  String namespace;
}
