package io.mountscope.doctor;

/**
 * One capability of the node as doctor reports it: OK, WARN or FAIL, what was found, what it means
 * for the console, and how to fix it (empty when nothing needs fixing).
 */
public record CheckResult(String check, Status status, String detail, String impact, String fix) {

  /** Outcome of a check. */
  public enum Status { OK, WARN, FAIL }

  public static CheckResult ok(String check, String detail) {
    return new CheckResult(check, Status.OK, detail, "", "");
  }

  public static CheckResult warn(String check, String detail, String impact, String fix) {
    return new CheckResult(check, Status.WARN, detail, impact, fix);
  }

  public static CheckResult fail(String check, String detail, String impact, String fix) {
    return new CheckResult(check, Status.FAIL, detail, impact, fix);
  }
}
