package io.mountscope.recipe;

import io.mountscope.containerd.ContainerdAddress;
import io.mountscope.containerd.SocketCheck;
import io.mountscope.kernel.Capabilities;
import io.mountscope.recipe.actuator.SmtActuator;
import io.mountscope.util.Procfs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** A precondition a {@code check} step can name, and how to tell whether this node meets it. */
public enum Requirement {
  /** Mounts, sysctls and affinities need CAP_SYS_ADMIN. */
  ROOT("root"),
  /** idmapped mounts need a user namespace per storm thread. */
  USER_NAMESPACES("user-namespaces"),
  /** The kernel's SMT switch can be flipped (on or off, not notsupported/forceoff). */
  SMT_CONTROL("smt-control"),
  /** At least two NUMA nodes with CPUs. */
  NUMA("numa"),
  /** systemd runs as init (for unit properties). */
  SYSTEMD("systemd"),
  /** containerd answers on its socket. */
  CONTAINERD("containerd");

  private final String key;

  Requirement(String key) {
    this.key = key;
  }

  public String key() {
    return key;
  }

  public static Optional<Requirement> of(String key) {
    return Arrays.stream(values()).filter(r -> r.key.equals(key)).findFirst();
  }

  public static String names() {
    return Arrays.stream(values()).map(Requirement::key).collect(Collectors.joining(", "));
  }

  /** Empty when the node meets it; else why not, in a sentence an operator can act on. */
  public Optional<String> unmet() {
    return switch (this) {
      case ROOT -> Capabilities.current().sysAdmin() ? Optional.empty()
          : Optional.of("this needs root (CAP_SYS_ADMIN): run mountscope as root");
      case USER_NAMESPACES -> Procfs.readLong("/proc/sys/user/max_user_namespaces").filter(n -> n > 0).isPresent()
          ? Optional.empty() : Optional.of("user namespaces are off (user.max_user_namespaces is 0)");
      case SMT_CONTROL -> {
        String c = Procfs.read("/sys/devices/system/cpu/smt/control").orElse("notimplemented");
        yield c.equals("on") || c.equals("off") ? Optional.empty() : Optional.of(SmtActuator.whyNot(c));
      }
      case NUMA -> {
        int n = Facts.numaNodesWithCpus().size();
        yield n >= 2 ? Optional.empty() : Optional.of("this node has " + n + " NUMA node" + (n == 1 ? "" : "s")
            + " with CPUs: every CPU shares one memory controller, so there is no placement to choose");
      }
      case SYSTEMD -> Files.isDirectory(Path.of("/run/systemd/system")) ? Optional.empty()
          : Optional.of("systemd is not running on this node (no /run/systemd/system)");
      case CONTAINERD -> {
        SocketCheck s = SocketCheck.of(ContainerdAddress.resolve(null));
        yield s.reachable() ? Optional.empty() : Optional.of("containerd: " + s.reason());
      }
    };
  }

  @Override
  public String toString() {
    return key.toLowerCase(Locale.ROOT);
  }
}
