package io.mountscope.console;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import java.util.Locale;

/**
 * One entry of the manual behind {@code explain}: what a thing is, why it matters when container
 * starts stall on the mount locks, and what to do next. {@code family} is set for kernel symbols.
 */
public record Topic(
    String name,
    Kind kind,
    String family,
    List<String> aliases,
    String what,
    String why,
    String next,
    List<String> see) {

  public Topic {
    aliases = aliases == null ? List.of() : List.copyOf(aliases);
    see = see == null ? List.of() : List.copyOf(see);
  }

  /** What kind of thing a topic names; the listing groups by it. */
  public enum Kind {
    METRIC("metrics"),
    SYMBOL("kernel symbols"),
    FAMILY("lock families"),
    VERDICT("verdicts"),
    RECIPE("recipes"),
    SYSCTL("sysctls and kernel knobs"),
    PATTERN("stress patterns"),
    CONCEPT("concepts");

    private final String heading;

    Kind(String heading) {
      this.heading = heading;
    }

    public String heading() {
      return heading;
    }

    @JsonValue
    public String json() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** The first sentence of {@code what}, for completion menus and listings. */
  public String summary() {
    String w = what.strip().replaceAll("\\s+", " ");
    int dot = w.indexOf(". ");
    return dot > 0 ? w.substring(0, dot + 1) : w;
  }
}
