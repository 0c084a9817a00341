package io.mountscope.recipe.operator;

import java.util.Locale;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;

/**
 * The operator on a terminal, through JLine: questions are read with the console's own
 * {@link LineReader} (history, editing), an empty answer is the default (no for yes/no), Ctrl-C
 * or Ctrl-D at a question cancels the recipe, and progress is a bar redrawn in place.
 */
public final class LineOperator extends TextOperator {
  private static final int BAR = 30;
  private final LineReader reader;
  private final Terminal terminal;

  public LineOperator(LineReader reader) {
    super(reader.getTerminal().writer(), unicode(reader.getTerminal()), Math.max(60, reader.getTerminal().getWidth()));
    this.reader = reader;
    this.terminal = reader.getTerminal();
  }

  private static boolean unicode(Terminal t) {
    return t.encoding() != null && t.encoding().name().toUpperCase(Locale.ROOT).contains("UTF");
  }

  @Override
  public Answer answer(Question q) {
    while (true) {
      String line;
      try {
        line = reader.readLine(q.text() + " " + options(q) + " ");
      } catch (UserInterruptException e) {
        throw new Cancelled("interrupted at the question '" + q.id() + "'");
      } catch (EndOfFileException e) {
        throw new Cancelled("end of input at the question '" + q.id() + "'");
      }
      String a = line.trim();
      if (a.isEmpty()) {
        return new Answer(q.defaultChoice(), "default");
      }
      if (q.isYesNo()) {
        String yn = Answers.yesNo(a);
        if (yn != null) {
          return new Answer(yn, "operator");
        }
        out.println("answer y or n (Enter: no)");
      } else {
        for (String c : q.choices()) {
          if (c.equalsIgnoreCase(a) || a.equals(Integer.toString(q.choices().indexOf(c) + 1))) {
            return new Answer(c, "operator");
          }
        }
        out.println("answer one of " + String.join(", ", q.choices()) + " (Enter: " + q.defaultChoice() + ")");
      }
      out.flush();
    }
  }

  @Override
  public Progress progress(String label) {
    long begin = System.nanoTime();
    return new Progress() {
      private boolean drawn;

      @Override
      public synchronized void update(double fraction, String status) {
        if (System.nanoTime() - begin < 500_000_000L) {
          return; // short steps just print their result
        }
        int filled = (int) Math.round(Math.max(0, Math.min(1, fraction)) * BAR);
        String text = String.format(Locale.ROOT, "\r\033[K%s [%s%s] %3.0f%%  %s", label, "#".repeat(filled),
            ".".repeat(BAR - filled), fraction * 100, status);
        int room = Math.max(60, terminal.getWidth()) + 4; // + the 4 bytes of "\r\033[K"
        terminal.writer().print(text.length() > room ? text.substring(0, room) : text);
        terminal.writer().flush();
        drawn = true;
      }

      @Override
      public synchronized void close() {
        if (drawn) {
          terminal.writer().print("\r\033[K");
          terminal.writer().flush();
          drawn = false;
        }
      }
    };
  }

  @Override
  public boolean interactive() {
    return true;
  }
}
