package io.mountscope.util;

/** Bad input from the operator (an option, a file, a recipe): exit code 2, one line that says what and where. */
public class InputException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public InputException(String message) {
    super(message);
  }

  public InputException(String message, Throwable cause) {
    super(message, cause);
  }

  /** An error at a place in a file, rendered as {@code file:line: message}. */
  public static InputException at(String file, long line, String message) {
    return new InputException(line > 0 ? file + ":" + line + ": " + message : file + ": " + message);
  }
}
