package io.mountscope.console;

import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends JLine's java.util.logging records to mountscope's log file: by default they would be
 * printed on the terminal, in the middle of the console.
 */
final class JlineLog extends Handler {
  private static volatile boolean installed;

  private JlineLog() {}

  /** Routes the "org.jline" logger here, once per process. */
  static void install() {
    if (!installed) {
      installed = true;
      // The JNA provider is deprecated upstream, and chosen here on purpose (see Modes).
      System.setProperty("org.jline.terminal.disableDeprecatedProviderWarning", "true");
      Logger jline = Logger.getLogger("org.jline");
      jline.setUseParentHandlers(false);
      jline.addHandler(new JlineLog());
    }
  }

  @Override
  public void publish(LogRecord r) {
    org.slf4j.Logger log = LoggerFactory.getLogger(r.getLoggerName() == null ? "org.jline" : r.getLoggerName());
    String msg = r.getMessage();
    if (r.getLevel().intValue() >= Level.WARNING.intValue()) {
      log.warn(msg, r.getThrown());
    } else if (r.getLevel().intValue() >= Level.INFO.intValue()) {
      log.info(msg, r.getThrown());
    } else {
      log.debug(msg, r.getThrown());
    }
  }

  @Override
  public void flush() {
    // nothing buffered
  }

  @Override
  public void close() {
    // nothing held
  }
}
