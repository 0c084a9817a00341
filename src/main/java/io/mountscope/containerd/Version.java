package io.mountscope.containerd;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A containerd release number as ctr version prints it ("1.6.20~ds1", "2.1.4", "v2.0.0-rc.4"). */
public record Version(int major, int minor, int patch, String text) implements Comparable<Version> {
  private static final Pattern NUMBERS = Pattern.compile("^v?(\\d+)\\.(\\d+)(?:\\.(\\d+))?");

  public static Optional<Version> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    Matcher m = NUMBERS.matcher(text.trim());
    if (!m.find()) {
      return Optional.empty();
    }
    return Optional.of(new Version(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
        m.group(3) == null ? 0 : Integer.parseInt(m.group(3)), text.trim()));
  }

  /** The server version in the output of {@code ctr version}. */
  public static Optional<Version> ofCtrVersion(String output) {
    boolean server = false;
    for (String line : output.split("\n")) {
      String l = line.trim();
      if (l.startsWith("Server:")) {
        server = true;
      } else if (server && l.startsWith("Version:")) {
        return parse(l.substring("Version:".length()));
      }
    }
    return Optional.empty();
  }

  @Override
  public int compareTo(Version o) {
    int c = Integer.compare(major, o.major);
    if (c == 0) {
      c = Integer.compare(minor, o.minor);
    }
    return c != 0 ? c : Integer.compare(patch, o.patch);
  }

  @Override
  public String toString() {
    return text;
  }
}
