package io.mountscope.console;

import io.mountscope.kernel.TtySettings;
import io.mountscope.model.Model;
import io.mountscope.util.Dirs;
import io.mountscope.util.ExitCodes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.jline.keymap.KeyMap;
import org.jline.reader.Binding;
import org.jline.reader.EndOfFileException;
import org.jline.reader.History;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.Parser.ParseContext;
import org.jline.reader.Reference;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.DefaultParser;
import org.jline.terminal.Terminal;
import org.jline.terminal.Terminal.Signal;
import org.jline.terminal.Terminal.SignalHandler;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;
import org.jline.utils.InfoCmp.Capability;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The interactive console on the terminal {@link Modes} owns: a line reader with completion,
 * persistent history (Ctrl-R), inline help and the live status line. Each command runs on its own
 * thread so that Ctrl-C interrupts the command, not the console. Created once per process and
 * kept across trips to the dashboard.
 */
final class ConsoleSession implements ConsoleControl, AutoCloseable {
  static final String HISTORY_FILE = "console_history";
  private static final Logger LOG = LoggerFactory.getLogger(ConsoleSession.class);
  private static final String STATUS_WIDGET = "mountscope-status";
  private static final String DASH_WIDGET = "mountscope-dash";
  private static final long STATUS_PERIOD_MILLIS = 1000;

  private final Terminal terminal;
  private final TtySettings shell;
  private final LineReader reader;
  private final DefaultParser parser = new DefaultParser();
  private final StatusBar bar;
  private final StatusFeed feed;
  private final CommandRunner runner;
  private final TerminalIo io;
  private Outcome request;
  private int lastCode;
  private boolean greeted;

  /** How a run of the console ended: the operator asked for the dashboard, or quit with a code. */
  record Outcome(boolean dashboard, int exitCode) {}

  private ConsoleSession(Terminal terminal, TtySettings shell, Path history, Supplier<Model> latest) {
    this.terminal = terminal;
    this.shell = shell;
    boolean unicode = StandardCharsets.UTF_8.equals(terminal.encoding());
    parser.setEofOnUnclosedQuote(true); // an open quote continues on the next line, as in a shell
    CommandSpec completionTree = CommandTree.create(this).getCommandSpec();
    LineReaderBuilder builder = LineReaderBuilder.builder()
        .terminal(terminal)
        .appName("mountscope")
        .completer(new CommandCompleter(completionTree))
        .parser(parser)
        .variable(LineReader.HISTORY_SIZE, 2000)
        .variable(LineReader.HISTORY_FILE_SIZE, 5000)
        .option(LineReader.Option.HISTORY_IGNORE_DUPS, true);
    if (history != null) {
      builder.variable(LineReader.HISTORY_FILE, history);
    }
    this.reader = builder.build();
    this.bar = new StatusBar(terminal, unicode);
    this.runner = new CommandRunner(this, terminal.writer(), terminal.writer(), terminal::getWidth);
    this.io = TerminalIo.on(terminal);
    reader.getWidgets().put(STATUS_WIDGET, () -> {
      bar.applyOffered();
      return true;
    });
    reader.getWidgets().put(DASH_WIDGET, () -> {
      reader.getBuffer().clear();
      reader.getBuffer().write("dash");
      reader.callWidget(LineReader.ACCEPT_LINE);
      return true;
    });
    KeyMap<Binding> main = reader.getKeyMaps().get(LineReader.MAIN);
    String f2 = KeyMap.key(terminal, Capability.key_f2);
    for (String key : new String[] {f2, "\033OQ", "\033[12~"}) {
      if (key != null && !key.isEmpty()) {
        main.bind(new Reference(DASH_WIDGET), key);
      }
    }
    if (bar.supported()) {
      new InlineHelp(reader, completionTree, bar).enable();
    }
    this.feed = new StatusFeed(latest, model -> {
      bar.offer(StatusLine.render(model, unicode));
      try {
        reader.callWidget(STATUS_WIDGET);
      } catch (IllegalStateException notReading) {
        // shown when the prompt is back
      }
    }, STATUS_PERIOD_MILLIS);
  }

  /**
   * The console on {@code terminal}; commands run in the shell's settings {@code shell} (null:
   * leave them), history persists in {@code history} (null: kept in memory only), and the status
   * line shows the newest Model {@code latest} gives (null until the first one).
   */
  static ConsoleSession open(Terminal terminal, TtySettings shell, Path history, Supplier<Model> latest) {
    return new ConsoleSession(terminal, shell, history, latest);
  }

  /** Reads and runs commands until the operator asks for the dashboard or quits. */
  Outcome run() {
    while (true) {
      request = null;
      bar.show();
      if (!greeted) {
        greeted = true; // after the bar: making room for it scrolls the screen
        terminal.writer().println("mountscope console: 'help' lists the commands, 'explain' is the manual, "
            + "Tab completes, F2 opens the dashboard, Ctrl-D quits.");
      }
      feed.resume();
      String line;
      try {
        line = reader.readLine(prompt());
      } catch (UserInterruptException e) {
        if (e.getPartialLine() == null || e.getPartialLine().isBlank()) {
          terminal.writer().println("(Ctrl-C stops a running command; Ctrl-D or 'exit' quits)");
        }
        continue;
      } catch (EndOfFileException e) {
        return new Outcome(false, ExitCodes.OK);
      } finally {
        feed.pause();
      }
      List<String> words = words(line);
      if (words.isEmpty()) {
        continue;
      }
      lastCode = execute(words, line.strip());
      if (request != null) {
        return request;
      }
    }
  }

  private List<String> words(String line) {
    List<String> words = new ArrayList<>(parser.parse(line, line.length(), ParseContext.ACCEPT_LINE).words());
    if (!words.isEmpty() && words.get(words.size() - 1).isEmpty() && !line.endsWith("''") && !line.endsWith("\"\"")) {
      words.remove(words.size() - 1); // the parser's empty word after trailing blanks
    }
    return words;
  }

  /**
   * Runs a command on its own thread. The first Ctrl-C interrupts it (commands stop at their next
   * sleep, wait or interruptible read); a second one leaves it running in the background and
   * gives the prompt back.
   */
  private int execute(List<String> words, String line) {
    if (shell != null) {
      shell.restore(); // JLine's cooked mode is not quite the shell's (it drops IEXTEN)
    }
    AttributedString waiting = bar.live();
    bar.live(StatusLine.message("running: " + line + "   (Ctrl-C stops it)"));
    AtomicInteger code = new AtomicInteger(ExitCodes.INTERNAL);
    AtomicInteger presses = new AtomicInteger();
    Thread console = Thread.currentThread();
    Thread worker = new Thread(() -> code.set(runner.run(words)), "console-command");
    worker.setDaemon(true);
    SignalHandler previous = terminal.handle(Signal.INT, s -> {
      if (presses.incrementAndGet() == 1) {
        worker.interrupt();
      } else {
        console.interrupt();
      }
    });
    TerminalIo.install(io);
    worker.start();
    boolean told = false;
    try {
      while (true) {
        worker.join(1000);
        if (!worker.isAlive()) {
          return code.get();
        }
        if (presses.get() > 0 && !told) {
          terminal.writer().println("stopping '" + line + "'... (Ctrl-C again leaves it running in the background)");
          terminal.flush();
          told = true;
        }
      }
    } catch (InterruptedException second) {
      LOG.warn("left '{}' running in the background after a second Ctrl-C", line);
      terminal.writer().println("left '" + line + "' running in the background; its output may still appear");
      terminal.flush();
      return ExitCodes.INTERRUPTED;
    } finally {
      terminal.handle(Signal.INT, previous);
      TerminalIo.install(null);
      Thread.interrupted();
      bar.live(waiting); // until the feed's next pair of samples, a second after the prompt is back
    }
  }

  private String prompt() {
    AttributedStringBuilder b = new AttributedStringBuilder()
        .style(AttributedStyle.BOLD.foreground(AttributedStyle.CYAN)).append("mountscope");
    if (lastCode != 0) {
      b.style(AttributedStyle.BOLD.foreground(AttributedStyle.RED)).append(" [" + lastCode + "]");
    }
    return b.style(AttributedStyle.DEFAULT).append("> ").toAnsi(terminal);
  }

  /** Gives the screen up to the dashboard: no status bar, no sampling. */
  void suspend() {
    feed.pause();
    bar.hide();
  }

  @Override
  public void close() {
    feed.close();
    bar.hide();
    try {
      reader.getHistory().save();
    } catch (IOException e) {
      LOG.warn("could not save the console history", e);
    }
  }

  /** The history file in the state directory, private to its owner; null (no persistence) if it cannot be made. */
  static Path historyFile() {
    Path file = Dirs.stateDir().resolve(HISTORY_FILE);
    try {
      Files.createDirectories(file.getParent());
      if (!Files.exists(file)) {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      }
      return file;
    } catch (IOException | UnsupportedOperationException e) {
      LOG.warn("console history will not persist: cannot create {}", file, e);
      return null;
    }
  }

  @Override
  public void openDashboard() {
    request = new Outcome(true, ExitCodes.OK);
  }

  @Override
  public void exit(int code) {
    request = new Outcome(false, code);
  }

  @Override
  public void clearScreen() {
    terminal.puts(Capability.clear_screen);
    bar.reset();
    terminal.flush();
  }

  @Override
  public List<String> history() {
    List<String> lines = new ArrayList<>();
    for (History.Entry e : reader.getHistory()) {
      lines.add(e.line());
    }
    return lines;
  }

  @Override
  public void clearHistory() {
    try {
      reader.getHistory().purge();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot clear the history file", e);
    }
  }

  @Override
  public boolean interactive() {
    return true;
  }
}
