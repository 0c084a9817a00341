package io.mountscope.tui;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TextColor;
import io.mountscope.tui.panel.Style;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Colours for each Style at the terminal's depth: 256 colours, the 8/16 ANSI colours (TERM=xterm,
 * screen, linux), or none at all (NO_COLOR, TERM=dumb), where only bold, underline and reverse remain.
 */
final class Theme {
  /** How many colours the terminal has. */
  enum Depth { NONE, ANSI, INDEXED }

  private static final TextColor DEF = TextColor.ANSI.DEFAULT;
  /** A style's colours (null: the terminal's default) and attributes. */
  private record Look(TextColor fg, TextColor bg, Set<SGR> sgr) {}

  private final Map<Style, Look> looks = new EnumMap<>(Style.class);
  private final Depth depth;

  Theme(Depth depth) {
    this.depth = depth;
    for (Style s : Style.values()) {
      looks.put(s, switch (depth) {
        case INDEXED -> indexed(s);
        case ANSI -> ansi(s);
        case NONE -> mono(s);
      });
    }
  }

  /** The depth terminfo's colour count and NO_COLOR allow. */
  static Depth depthOf(TerminalCaps caps) {
    if (caps.noColor() || caps.colors() <= 0) {
      return Depth.NONE;
    }
    return caps.colors() >= 256 ? Depth.INDEXED : Depth.ANSI;
  }

  Depth depth() {
    return depth;
  }

  /** The foreground of a style, or null for the terminal's default. */
  TextColor foreground(Style s) {
    return looks.get(s).fg();
  }

  /** The background of a style, or null for the terminal's default. */
  TextColor background(Style s) {
    return looks.get(s).bg();
  }

  Set<SGR> sgr(Style s) {
    return looks.get(s).sgr();
  }

  private static Look indexed(Style s) {
    return switch (s) {
      case NORMAL -> of(DEF, DEF);
      case DIM -> of(ix(245), DEF);
      case BOLD -> of(DEF, DEF, SGR.BOLD);
      case TITLE -> of(ix(117), DEF, SGR.BOLD);
      case TITLE_FOCUSED -> of(ix(16), ix(117), SGR.BOLD);
      case BORDER -> of(ix(240), DEF);
      case BORDER_FOCUSED -> of(ix(117), DEF, SGR.BOLD);
      case TABLE_HEAD -> of(ix(250), DEF, SGR.UNDERLINE);
      case OK -> of(ix(114), DEF);
      case INFO -> of(ix(75), DEF);
      case WARN -> of(ix(214), DEF, SGR.BOLD);
      case CRIT -> of(ix(196), DEF, SGR.BOLD);
      case SPARK -> of(ix(80), DEF);
      case HEADER -> of(ix(255), ix(236), SGR.BOLD);
      case HEADER_DIM -> of(ix(250), ix(236));
      case STATUS -> of(ix(252), ix(236));
      case STATUS_KEY -> of(ix(117), ix(236), SGR.BOLD);
      case BANNER -> of(ix(231), ix(127), SGR.BOLD);
      case INPUT -> of(ix(231), ix(24), SGR.BOLD);
    };
  }

  private static Look ansi(Style s) {
    return switch (s) {
      case NORMAL, DIM, BORDER -> of(DEF, DEF);
      case BOLD -> of(DEF, DEF, SGR.BOLD);
      case TITLE, BORDER_FOCUSED -> of(TextColor.ANSI.CYAN, DEF, SGR.BOLD);
      case TITLE_FOCUSED -> of(TextColor.ANSI.BLACK, TextColor.ANSI.CYAN, SGR.BOLD);
      case TABLE_HEAD -> of(DEF, DEF, SGR.UNDERLINE);
      case OK -> of(TextColor.ANSI.GREEN, DEF);
      case INFO, SPARK -> of(TextColor.ANSI.CYAN, DEF);
      case WARN -> of(TextColor.ANSI.YELLOW, DEF, SGR.BOLD);
      case CRIT -> of(TextColor.ANSI.RED, DEF, SGR.BOLD);
      case HEADER, INPUT -> of(TextColor.ANSI.WHITE, TextColor.ANSI.BLUE, SGR.BOLD);
      case HEADER_DIM, STATUS -> of(TextColor.ANSI.WHITE, TextColor.ANSI.BLUE);
      case STATUS_KEY -> of(TextColor.ANSI.YELLOW, TextColor.ANSI.BLUE, SGR.BOLD);
      case BANNER -> of(TextColor.ANSI.WHITE, TextColor.ANSI.MAGENTA, SGR.BOLD);
    };
  }

  private static Look mono(Style s) {
    return switch (s) {
      case NORMAL, DIM, BORDER, OK, INFO, SPARK -> of(DEF, DEF);
      case BOLD, TITLE, BORDER_FOCUSED, WARN, CRIT -> of(DEF, DEF, SGR.BOLD);
      case TABLE_HEAD -> of(DEF, DEF, SGR.UNDERLINE);
      case TITLE_FOCUSED, HEADER, STATUS_KEY, BANNER, INPUT -> of(DEF, DEF, SGR.REVERSE, SGR.BOLD);
      case HEADER_DIM, STATUS -> of(DEF, DEF, SGR.REVERSE);
    };
  }

  private static TextColor ix(int n) {
    return new TextColor.Indexed(n);
  }

  // Not Lanterna's TextCharacter: its class init splits a string into graphemes with a
  // BreakIterator, which loads the JDK's break rules on the way to the first frame.
  private static Look of(TextColor fg, TextColor bg, SGR... sgr) {
    Set<SGR> attributes = EnumSet.noneOf(SGR.class);
    attributes.addAll(Arrays.asList(sgr));
    return new Look(fg == DEF ? null : fg, bg == DEF ? null : bg, Collections.unmodifiableSet(attributes));
  }
}
