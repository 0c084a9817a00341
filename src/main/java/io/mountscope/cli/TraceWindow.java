package io.mountscope.cli;

import io.mountscope.util.InputException;
import picocli.CommandLine.Option;

/** The {@code --seconds} option of commands that trace the kernel for a fixed window. */
public final class TraceWindow {
  @Option(names = "--seconds", paramLabel = "S", defaultValue = "5",
      description = "How long to trace, up to an hour (default: ${DEFAULT-VALUE}).")
  double seconds;

  /** The window in milliseconds; an InputException (exit 2) when out of range. */
  long millis() {
    if (!(seconds > 0 && seconds <= 3600)) {
      throw new InputException("--seconds must be more than 0 and at most 3600, got " + seconds);
    }
    return Math.max(1, (long) (seconds * 1000));
  }

  double seconds() {
    return seconds;
  }
}
