package io.mountscope.tui;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import io.mountscope.kernel.LibC;
import java.util.Locale;
import java.util.Map;

/**
 * What the terminal on the other end of the SSH session can do: its TERM, whether stdout is a
 * terminal, its size, UTF-8 (from the locale, as ncurses decides it) and colours (terminfo's
 * "colors", zero under NO_COLOR).
 */
public record TerminalCaps(String term, boolean tty, int columns, int rows, boolean utf8, int colors, boolean noColor) {
  private static final long TIOCGWINSZ = 0x5413;

  public static TerminalCaps detect() {
    return detect(System.getenv());
  }

  public static TerminalCaps detect(Map<String, String> env) {
    String term = env.getOrDefault("TERM", "");
    boolean tty = LibC.isatty(1) == 1;
    int cols = 0;
    int rows = 0;
    if (tty) {
      Memory ws = new Memory(8);
      if (LibC.ioctl(1, TIOCGWINSZ, Pointer.nativeValue(ws)) == 0) {
        rows = ws.getShort(0) & 0xffff;
        cols = ws.getShort(2) & 0xffff;
      }
    }
    boolean noColor = env.containsKey("NO_COLOR") && !env.get("NO_COLOR").isEmpty();
    int colors = noColor ? 0 : terminfoColors(term, env);
    return new TerminalCaps(term, tty, cols, rows, utf8Locale(env), colors, noColor);
  }

  /** The locale's charset is UTF-8: the first set of LC_ALL, LC_CTYPE, LANG decides. */
  public static boolean utf8Locale(Map<String, String> env) {
    for (String key : new String[] {"LC_ALL", "LC_CTYPE", "LANG"}) {
      String v = env.get(key);
      if (v != null && !v.isEmpty()) {
        String l = v.toLowerCase(Locale.ROOT);
        return l.contains("utf-8") || l.contains("utf8");
      }
    }
    return false;
  }

  /** terminfo's colour count for TERM (read from its compiled entry); a guess from the name if there is none. */
  static int terminfoColors(String term, Map<String, String> env) {
    if (term.isEmpty() || term.equals("dumb")) {
      return 0;
    }
    int colors = Terminfo.colors(term, env);
    if (colors >= 0) {
      return colors;
    }
    if (term.contains("256color")) {
      return 256;
    }
    return 8;
  }
}
