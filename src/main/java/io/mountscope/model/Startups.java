package io.mountscope.model;

import java.util.List;

/** Container starts in flight on the node, and how finished ones went. */
public record Startups(List<InFlight> inFlight, long completed, long failed) {

  /** A container start that has not finished yet. */
  public record InFlight(String id, String namespace, String image, int layers, long ageMillis, String state,
      boolean userns, long mountSyscalls) {}
}
