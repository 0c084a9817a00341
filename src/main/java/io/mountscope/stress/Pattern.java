package io.mountscope.stress;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.mountscope.util.InputException;
import java.util.Arrays;
import java.util.stream.Collectors;

/** What one container start does in a storm (mount_storm_ref.c defines the built-in ones). */
public enum Pattern {
  /** One bind mount and its umount. */
  BIND("bind"),
  /** An overlay over the L layer directories, then its umount: no user namespace. */
  OVERLAY("overlay"),
  /** containerd before PR #12092: each layer idmapped on its own, overlay over them, detach all. */
  IDMAP_PER_LAYER("idmap-per-layer"),
  /** After PR #12092: the layers' common parent idmapped once, overlay over its subdirectories. */
  IDMAP_COMMON_PARENT("idmap-common-parent"),
  /** A sequence of mount operations from a YAML file (docs/stress.md). */
  CUSTOM("custom");

  private final String cliName;

  Pattern(String cliName) {
    this.cliName = cliName;
  }

  @JsonValue
  public String cliName() {
    return cliName;
  }

  @JsonCreator
  public static Pattern of(String name) {
    for (Pattern p : values()) {
      if (p.cliName.equals(name)) {
        return p;
      }
    }
    throw new InputException("unknown pattern '" + name + "': use one of " + names());
  }

  public static String names() {
    return Arrays.stream(values()).map(Pattern::cliName).collect(Collectors.joining(", "));
  }

  @Override
  public String toString() {
    return cliName;
  }
}
