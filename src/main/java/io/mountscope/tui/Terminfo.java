package io.mountscope.tui;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the colour count ("colors") from the compiled terminfo entry of TERM, the way ncurses
 * finds it, without running tput: the dashboard's start-up is timed, and a fork costs tens of ms.
 */
final class Terminfo {
  private static final int MAGIC_16BIT = 0432;
  private static final int MAGIC_32BIT = 01036;
  private static final int MAX_COLORS = 13;

  private Terminfo() {}

  /** The colour count of {@code term}, or -1 when no terminfo entry is found or it has none. */
  static int colors(String term, Map<String, String> env) {
    for (Path dir : directories(env)) {
      for (String sub : new String[] {term.substring(0, 1), String.format(Locale.US, "%02x", (int) term.charAt(0))}) {
        Path f = dir.resolve(sub).resolve(term);
        if (Files.isRegularFile(f)) {
          try {
            return maxColors(Files.readAllBytes(f));
          } catch (IOException | RuntimeException e) {
            return -1;
          }
        }
      }
    }
    return -1;
  }

  /** ncurses' search order: $TERMINFO, ~/.terminfo, $TERMINFO_DIRS, then the system directories. */
  private static List<Path> directories(Map<String, String> env) {
    List<Path> dirs = new ArrayList<>();
    if (env.get("TERMINFO") != null) {
      dirs.add(Path.of(env.get("TERMINFO")));
    }
    if (env.get("HOME") != null) {
      dirs.add(Path.of(env.get("HOME"), ".terminfo"));
    }
    if (env.get("TERMINFO_DIRS") != null) {
      for (String d : env.get("TERMINFO_DIRS").split(":")) {
        dirs.add(Path.of(d.isEmpty() ? "/usr/share/terminfo" : d));
      }
    }
    for (String d : new String[] {"/etc/terminfo", "/lib/terminfo", "/usr/share/terminfo", "/usr/lib/terminfo"}) {
      dirs.add(Path.of(d));
    }
    return dirs;
  }

  /** The numeric capability max_colors of a compiled entry (legacy 16-bit or extended 32-bit numbers). */
  static int maxColors(byte[] entry) {
    ByteBuffer b = ByteBuffer.wrap(entry).order(ByteOrder.LITTLE_ENDIAN);
    int magic = b.getShort(0) & 0xffff;
    int width = magic == MAGIC_32BIT ? 4 : magic == MAGIC_16BIT ? 2 : 0;
    if (width == 0) {
      return -1;
    }
    int names = b.getShort(2);
    int bools = b.getShort(4);
    int nums = b.getShort(6);
    if (nums <= MAX_COLORS) {
      return -1;
    }
    int offset = 12 + names + bools;
    offset += offset % 2; // numbers start on an even byte
    int at = offset + MAX_COLORS * width;
    int v = width == 4 ? b.getInt(at) : b.getShort(at);
    return v < 0 ? -1 : v;
  }
}
