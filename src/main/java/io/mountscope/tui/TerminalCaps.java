package io.mountscope.tui;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import io.mountscope.kernel.LibC;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

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
    int colors = noColor ? 0 : terminfoColors(term);
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

  /** terminfo's colour count for TERM, via tput; a guess from the name if tput is missing. */
  static int terminfoColors(String term) {
    if (term.isEmpty() || term.equals("dumb")) {
      return 0;
    }
    try {
      Process p = new ProcessBuilder("tput", "-T", term, "colors").redirectErrorStream(true).start();
      if (p.waitFor(2, TimeUnit.SECONDS) && p.exitValue() == 0) {
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
        return Math.max(0, Integer.parseInt(out));
      }
      p.destroyForcibly();
    } catch (Exception e) {
      // fall through to the guess
    }
    if (term.contains("256color")) {
      return 256;
    }
    return 8;
  }
}
