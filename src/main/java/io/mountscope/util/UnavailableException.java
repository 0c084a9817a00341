package io.mountscope.util;

/** A missing privilege or kernel feature: exit code 3, with what is missing and how to fix it. */
public class UnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String fix;

  public UnavailableException(String what, String fix) {
    super(what);
    this.fix = fix;
  }

  public UnavailableException(String what, String fix, Throwable cause) {
    super(what, cause);
    this.fix = fix;
  }

  /** How the operator can make it available; may be empty. */
  public String fix() {
    return fix == null ? "" : fix;
  }

  /** The one line printed on the terminal. */
  public String oneLine() {
    return fix().isEmpty() ? getMessage() : getMessage() + ": " + fix();
  }
}
