package io.mountscope.gate;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One threshold judged: its name ("layers", "mountSyscallsPerStart", "p99StartMillis"), whether
 * the image passed, the value found against the limit, one line saying so, what to do about a
 * failure, how long the check took, and for a measurement what was measured. {@code error} is set
 * when the value could not be found (the check then fails).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GateCheck(
    String name,
    boolean passed,
    Double value,
    double limit,
    String message,
    String fix,
    double seconds,
    LatencyMeasurement measurement,
    String error) {}
