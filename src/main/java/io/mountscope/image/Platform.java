package io.mountscope.image;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Locale;

/** An image platform (linux/amd64, linux/arm64/v8); {@link #current()} is this node's. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Platform(String os, String architecture, String variant) {

  /** The platform images run as on this node, in OCI's names. */
  public static Platform current() {
    String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
    String oci = switch (arch) {
      case "amd64", "x86_64" -> "amd64";
      case "aarch64", "arm64" -> "arm64";
      case "ppc64le" -> "ppc64le";
      case "s390x" -> "s390x";
      case "riscv64" -> "riscv64";
      default -> arch;
    };
    return new Platform("linux", oci, null);
  }

  /** Whether an index entry's platform runs here; an arm64 image without a variant counts as v8. */
  public boolean matches(Platform p) {
    if (p == null || !os.equals(p.os()) || !architecture.equals(p.architecture())) {
      return false;
    }
    return variant == null || p.variant() == null || variant.equals(p.variant());
  }

  @Override
  public String toString() {
    return os + "/" + architecture + (variant == null ? "" : "/" + variant);
  }
}
