package io.mountscope.console;

import io.mountscope.kernel.LibC;
import io.mountscope.kernel.TtySettings;
import io.mountscope.util.InputException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStyle;

/**
 * How a command converses with the operator on a terminal: questions, confirmations that default
 * to no, choices, progress bars and tables. The recipe engine's JLine Operator is built on this.
 * Inside the interactive console {@link #current()} returns the console's; a command run from the
 * shell opens its own with {@link #openSystem()}. Ctrl-C during a question throws
 * {@link CancellationException} (the console reports it as interrupted, exit 130).
 */
public final class TerminalIo implements AutoCloseable {
  private static volatile TerminalIo current;
  private final Terminal terminal;
  private final TtySettings owned;
  private LineReader prompts;

  private TerminalIo(Terminal terminal, TtySettings owned) {
    this.terminal = terminal;
    this.owned = owned;
  }

  /** The console's terminal while a command runs inside the interactive console. */
  public static Optional<TerminalIo> current() {
    return Optional.ofNullable(current);
  }

  /** Conversation on a terminal the caller owns (and closes). */
  public static TerminalIo on(Terminal terminal) {
    return new TerminalIo(terminal, null);
  }

  /**
   * Conversation on this process's terminal, for a command run from the shell; {@link #close()}
   * closes it and puts the terminal's settings back exactly. Fails when stdin or stdout is not a
   * terminal: use a scripted answer source then.
   */
  public static TerminalIo openSystem() throws IOException {
    if (LibC.isatty(0) != 1 || LibC.isatty(1) != 1) {
      throw new InputException("questions need a terminal; answer them with --yes or an answers file in scripts");
    }
    TtySettings shell = TtySettings.save(0);
    return new TerminalIo(Modes.systemTerminal(), shell);
  }

  /** Closes the terminal if this opened it ({@link #openSystem()}); otherwise nothing. */
  @Override
  public void close() throws IOException {
    if (owned != null) {
      terminal.close();
      owned.restore();
    }
  }

  static void install(TerminalIo io) {
    current = io;
  }

  public Terminal terminal() {
    return terminal;
  }

  public PrintWriter out() {
    return terminal.writer();
  }

  /** True when the terminal takes UTF-8 (box drawing and block characters), else ASCII. */
  public boolean unicode() {
    return StandardCharsets.UTF_8.equals(terminal.encoding());
  }

  public int width() {
    return terminal.getWidth() > 0 ? terminal.getWidth() : 80;
  }

  /** "question [y/N] ": true only for y or yes; Enter, n, no and Ctrl-D are no. */
  public boolean confirm(String question) {
    for (int attempt = 0; attempt < 3; attempt++) {
      String a = read(question + " [y/N] ");
      if (a == null) {
        return false;
      }
      a = a.strip().toLowerCase(Locale.ROOT);
      if (a.equals("y") || a.equals("yes")) {
        return true;
      }
      if (a.isEmpty() || a.equals("n") || a.equals("no")) {
        return false;
      }
      say("please answer y or n");
    }
    return false;
  }

  /** "question [default]: ", the answer or the default on Enter or Ctrl-D. */
  public String ask(String question, String defaultValue) {
    String a = read(question + (defaultValue == null || defaultValue.isEmpty() ? ": " : " [" + defaultValue + "]: "));
    return a == null || a.isBlank() ? defaultValue : a.strip();
  }

  /** Numbered options; returns the index chosen (by number or by a unique prefix), Enter is the default. */
  public int choose(String question, List<String> options, int defaultIndex) {
    if (options.isEmpty()) {
      throw new IllegalArgumentException("nothing to choose from");
    }
    say(question);
    for (int i = 0; i < options.size(); i++) {
      say(String.format(Locale.US, "  %d) %s", i + 1, options.get(i)));
    }
    for (int attempt = 0; attempt < 3; attempt++) {
      String a = read("choice [" + (defaultIndex + 1) + "]: ");
      if (a == null || a.isBlank()) {
        return defaultIndex;
      }
      int picked = pick(a.strip(), options);
      if (picked >= 0) {
        return picked;
      }
      say("please answer 1 to " + options.size() + " or the start of an option");
    }
    return defaultIndex;
  }

  static int pick(String answer, List<String> options) {
    try {
      int n = Integer.parseInt(answer);
      return n >= 1 && n <= options.size() ? n - 1 : -1;
    } catch (NumberFormatException notANumber) {
      int found = -1;
      for (int i = 0; i < options.size(); i++) {
        if (options.get(i).toLowerCase(Locale.ROOT).startsWith(answer.toLowerCase(Locale.ROOT))) {
          if (found >= 0) {
            return -1;
          }
          found = i;
        }
      }
      return found;
    }
  }

  /** A progress bar on its own line; close it when done. {@code total <= 0} means unknown. */
  public ProgressBar progress(String label, long total) {
    return new ProgressBar(terminal, label, total, unicode());
  }

  /** Prints a table fitted to the terminal's width. */
  public void table(TableView table) {
    for (AttributedString line : table.render(width(), unicode())) {
      terminal.writer().println(line.toAnsi(terminal));
    }
    terminal.flush();
  }

  /** One line of text. */
  public void say(String line) {
    terminal.writer().println(line);
    terminal.flush();
  }

  /** One line of warning text, in yellow where the terminal has colours. */
  public void warn(String line) {
    terminal.writer().println(new AttributedString(line, AttributedStyle.DEFAULT.foreground(AttributedStyle.YELLOW)).toAnsi(terminal));
    terminal.flush();
  }

  /** One line typed at {@code prompt}; null at the end of input (Ctrl-D). Ctrl-C throws CancellationException. */
  public String readLine(String prompt) {
    return read(prompt);
  }

  private String read(String prompt) {
    try {
      return reader().readLine(prompt);
    } catch (UserInterruptException e) {
      throw new CancellationException("cancelled by the operator");
    } catch (EndOfFileException e) {
      return null;
    }
  }

  private synchronized LineReader reader() {
    if (prompts == null) {
      // Its own reader: answers stay out of the command history, and no completion applies.
      prompts = LineReaderBuilder.builder().terminal(terminal).appName("mountscope-prompt")
          .variable(LineReader.DISABLE_HISTORY, true).build();
    }
    return prompts;
  }
}
