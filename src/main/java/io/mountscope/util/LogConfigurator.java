package io.mountscope.util;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.helpers.NOPAppender;
import ch.qos.logback.core.rolling.FixedWindowRollingPolicy;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeBasedTriggeringPolicy;
import ch.qos.logback.core.spi.ContextAwareBase;
import ch.qos.logback.core.util.FileSize;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Logs go to a size-rotated file, never to the terminal: the terminal is the dashboard's or the
 * operator's. Configured in code (no XML) because parsing logback.xml costs start-up time.
 * MOUNTSCOPE_LOG_LEVEL (debug, info, warn) changes the level.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class LogConfigurator extends ContextAwareBase implements Configurator {

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.setLevel(level());
    root.addAppender(appender(context));
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }

  private static Level level() {
    String env = System.getenv("MOUNTSCOPE_LOG_LEVEL");
    return env == null ? Level.INFO : Level.toLevel(env, Level.INFO);
  }

  private static Appender<ILoggingEvent> appender(LoggerContext context) {
    Path file = Dirs.logFile();
    try {
      Files.createDirectories(file.getParent());
      if (Files.exists(file) ? !Files.isWritable(file) : !Files.isWritable(file.getParent())) {
        return nop(context);
      }
    } catch (Exception e) {
      return nop(context); // no log is better than a stack trace on the operator's screen
    }
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    // The pid goes in literally: variables are substituted by logback's XML configurator only.
    encoder.setPattern("%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%thread] %logger{24} pid="
        + ProcessHandle.current().pid() + " - %msg%n");
    encoder.start();

    RollingFileAppender<ILoggingEvent> appender = new RollingFileAppender<>();
    appender.setContext(context);
    appender.setName("file");
    appender.setFile(file.toString());
    appender.setEncoder(encoder);

    FixedWindowRollingPolicy rolling = new FixedWindowRollingPolicy();
    rolling.setContext(context);
    rolling.setParent(appender);
    rolling.setFileNamePattern(file + ".%i");
    rolling.setMinIndex(1);
    rolling.setMaxIndex(3);
    rolling.start();

    SizeBasedTriggeringPolicy<ILoggingEvent> trigger = new SizeBasedTriggeringPolicy<>();
    trigger.setContext(context);
    trigger.setMaxFileSize(FileSize.valueOf("10MB"));
    trigger.start();

    appender.setRollingPolicy(rolling);
    appender.setTriggeringPolicy(trigger);
    appender.start();
    return appender;
  }

  private static Appender<ILoggingEvent> nop(LoggerContext context) {
    NOPAppender<ILoggingEvent> nop = new NOPAppender<>();
    nop.setContext(context);
    nop.start();
    return nop;
  }
}
