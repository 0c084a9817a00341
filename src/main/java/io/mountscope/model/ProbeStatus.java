package io.mountscope.model;

/** How a probe fared in a tick: state ok, stale, unavailable or off, and why if not ok. */
public record ProbeStatus(String state, String reason, long tookMillis) {
  public static final String OK = "ok";
  public static final String STALE = "stale";
  public static final String UNAVAILABLE = "unavailable";
  public static final String OFF = "off";

  public static ProbeStatus ok(long tookMillis) {
    return new ProbeStatus(OK, null, tookMillis);
  }
}
