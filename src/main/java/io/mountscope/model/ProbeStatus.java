package io.mountscope.model;

/**
 * How a probe fared in a tick: state ok, stale, unavailable, off or starting (its first read is
 * still within its first budget, and the sampler was told not to wait for it); why if not ok; how
 * long its last run took; and how old the data in the sample is (0 when read this tick).
 */
public record ProbeStatus(String state, String reason, long tookMillis, long ageMillis) {
  public static final String OK = "ok";
  public static final String STALE = "stale";
  public static final String UNAVAILABLE = "unavailable";
  public static final String OFF = "off";
  public static final String STARTING = "starting";

  public ProbeStatus(String state, String reason, long tookMillis) {
    this(state, reason, tookMillis, 0);
  }

  public static ProbeStatus ok(long tookMillis) {
    return new ProbeStatus(OK, null, tookMillis, 0);
  }
}
